# Prints the authored articles whose modeled-on page is in the held-out list (reads the list
# programmatically for membership only; prints nothing from it but our own collisions).
import csv, glob, re, urllib.parse
def key(u):
    u = urllib.parse.unquote(u.strip().replace('+', '%2B'))
    u = re.sub(r'^(?i:https?://)', '', u); u = re.sub(r'^(?i:www\.)', '', u); u = u.rstrip('/')
    i = u.find('/'); return u.lower() if i < 0 else u[:i].lower() + u[i:]
held = set()
for line in open('/work/shared/corpus/HELD-OUT-PERIOD.tsv', encoding='utf-8'):
    for f in re.split('[\t,]', line):
        f = f.strip()
        if f.startswith('http://') or f.startswith('https://'): held.add(key(f))
for p in sorted(glob.glob('/work/authoring/b*/sources.tsv')):
    for r in csv.DictReader(open(p, encoding='utf-8'), delimiter='\t'):
        if key(r['modeled_on_url']) in held: print('HELD-OUT', r['article_id'], r['modeled_on_url'])
print('checked')
