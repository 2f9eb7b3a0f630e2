#!/usr/bin/env python3
"""usage: apply_copy_review.py CHANGES.csv... — replaces the text of the authored sentences a copy
review rewrote (article_id, sentence_id, reason, new_text, label_note) in sentences.csv and
train.csv; labels stay (every rewrite kept the sentence's meaning; a label_note is refused)."""
import csv, io, os, sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
changes = {}
for path in sys.argv[1:]:
    for r in csv.DictReader(open(path, encoding='utf-8')):
        if not r['article_id'].startswith('authored_'):
            sys.exit(f'{path}: {r["article_id"]} is not an authored article')
        if r['label_note'].strip():
            sys.exit(f'{path}: {r["article_id"]}#{r["sentence_id"]} asks for a label change: {r["label_note"]}')
        text = ' '.join(r['new_text'].split())
        if not text:
            sys.exit(f'{path}: {r["article_id"]}#{r["sentence_id"]} has no new text')
        changes[(r['article_id'], r['sentence_id'])] = text
for name in ('sentences.csv', 'train.csv'):
    path = os.path.join(HERE, name)
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    a, s, t = header.index('article_id'), header.index('sentence_id'), header.index('text')
    applied = 0
    for row in body:
        new = changes.get((row[a], row[s]))
        if new is not None:
            row[t] = new
            applied += 1
    if applied != len(changes):
        sys.exit(f'{name}: {applied} of {len(changes)} changed sentences found')
    out = io.StringIO()
    csv.writer(out, lineterminator='\r\n').writerows(rows)
    with open(path + '.tmp', 'w', encoding='utf-8', newline='') as f:
        f.write(out.getvalue())
    os.replace(path + '.tmp', path)
    print(f'{name}: {applied} sentences rewritten')
