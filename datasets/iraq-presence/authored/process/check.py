#!/usr/bin/env python3
"""Checks one authoring batch (or all): format, labels, counts, near-duplicates.
usage: python3 /work/authoring/check.py b3      (or: all)"""
import csv, glob, os, re, sys, itertools
ROOT = os.path.dirname(os.path.abspath(__file__))
DATASET = '/work/main/datasets/iraq-presence/sentences.csv'
STANCES = {'pro_withdrawal', 'status_quo', 'skeptical', 'neutral'}
TOPICS = {'negotiations', 'presence', 'security', 'attacks', 'politics', 'other'}
TARGETS = {'iraq', 'syria'}
TASHKEEL = re.compile('[\u0610-\u061a\u064b-\u065f\u0670\u0640]')
def words(t):
    t = TASHKEEL.sub('', t)
    t = re.sub('[أإآٱ]', 'ا', t).replace('ى', 'ي').replace('ة', 'ه')
    return re.findall(r'[\w]+', t)
def grams(t):
    w = words(t)
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}
def load(batch):
    rows = []
    with open(os.path.join(ROOT, batch, 'sentences.csv'), newline='', encoding='utf-8') as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            r['_line'] = i; r['_batch'] = batch; rows.append(r)
    return rows
def main():
    arg = sys.argv[1] if len(sys.argv) > 1 else 'all'
    batches = sorted(os.path.basename(d) for d in glob.glob(os.path.join(ROOT, 'b*')) if os.path.exists(os.path.join(d, 'sentences.csv')))
    mine = batches if arg == 'all' else [arg]
    errors = []
    allrows = {b: load(b) for b in batches}
    for b in mine:
        rows = allrows[b]
        srcs = {}
        sp = os.path.join(ROOT, b, 'sources.tsv')
        if os.path.exists(sp):
            with open(sp, encoding='utf-8') as f:
                for r in csv.DictReader(f, delimiter='\t'):
                    srcs[r['article_id']] = r
        else:
            errors.append(f'{b}: sources.tsv missing')
        arts = {}
        for r in rows:
            loc = f"{b}/sentences.csv:{r['_line']}"
            if r['stance'] not in STANCES: errors.append(f'{loc}: stance {r["stance"]!r}')
            if r['topic'] not in TOPICS: errors.append(f'{loc}: topic {r["topic"]!r}')
            if r['target'] not in TARGETS: errors.append(f'{loc}: target {r["target"]!r}')
            if not r['article_id'].startswith(f'authored_{b}_'): errors.append(f'{loc}: article_id must start with authored_{b}_')
            if '\n' in r['text'] or not r['text'].strip(): errors.append(f'{loc}: empty or multi-line text')
            arts.setdefault(r['article_id'], []).append(r)
        for a, rs in arts.items():
            ids = [int(r['sentence_id']) for r in rs]
            if ids != list(range(1, len(rs) + 1)): errors.append(f'{b} {a}: sentence_id must run 1..n in order')
            if not 6 <= len(rs) <= 15: errors.append(f'{b} {a}: {len(rs)} sentences (6-15 wanted)')
            s = srcs.get(a)
            if not s or not s.get('modeled_on_url', '').startswith('http'): errors.append(f'{b} {a}: no modeled_on_url in sources.tsv')
        n = len(rows); c = {k: sum(r['stance'] == k for r in rows) for k in STANCES}
        t = {k: sum(r['topic'] == k for r in rows) for k in TOPICS}
        print(f'{b}: {len(arts)} articles, {n} sentences; ' + ', '.join(f'{k} {v}' for k, v in sorted(c.items())) + f'; neutral share {c["neutral"] / max(n, 1):.0%}')
        print('   topics: ' + ', '.join(f'{k} {v}' for k, v in sorted(t.items())))
    # near-duplicates: share of the smaller sentence's word 3-grams >= 0.6
    ref = []
    with open(DATASET, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            ref.append(('dataset ' + r['article_id'] + ':' + r['sentence_id'], grams(r['text'])))
    cand = [(f"{r['_batch']}/sentences.csv:{r['_line']}", grams(r['text'])) for b in mine for r in allrows[b]]
    others = [(f"{r['_batch']}/sentences.csv:{r['_line']}", grams(r['text'])) for b in batches for r in allrows[b]]
    index = {}
    for i, (name, g) in enumerate(others + ref):
        for x in g: index.setdefault(x, set()).add(i)
    pool = others + ref
    vocab = set()
    for b in mine:
        for r in allrows[b]: vocab.update(words(r['text']))
    for name, g in cand:
        if not g: continue
        hits = {}
        for x in g:
            for j in index.get(x, ()): hits[j] = hits.get(j, 0) + 1
        for j, k in hits.items():
            oname, og = pool[j]
            if oname == name or not og: continue
            if k / min(len(g), len(og)) >= 0.6:
                errors.append(f'near-duplicate: {name} and {oname} share {k} word 3-grams')
    print(f'vocabulary (distinct words) in {arg}: {len(vocab)}')
    for e in sorted(set(errors)): print('ERROR', e)
    print('OK' if not errors else f'{len(set(errors))} problems')
if __name__ == "__main__":
    main()
