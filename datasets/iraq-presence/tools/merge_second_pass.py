#!/usr/bin/env python3
"""usage: merge_second_pass.py ROUND --labels L.csv... --adjudication A.csv...

Merges an independent second labeling pass over authored sentences:
  1. the first labels (as in train.csv) go to agreement/pass1.csv and the second pass's to
     agreement/pass2.csv, both with round=ROUND (earlier rows of these sentences replaced): a
     round may be labeled in batches, e.g. the authored corpus's 29% sample, then the rest;
  2. the adjudicated disagreements go to agreement/adjudication.csv with round=ROUND;
  3. train.csv and sentences.csv take the adjudicated label of every disagreement.
Every disagreement must have exactly one adjudication, and nothing else may have one."""
import argparse, csv, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from merge_authored import read_csv, write_csv, AGREEMENT, ADJUDICATION

DS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = ('target', 'stance', 'topic')

ap = argparse.ArgumentParser()
ap.add_argument('round')
ap.add_argument('--labels', nargs='+', required=True)
ap.add_argument('--adjudication', nargs='+', required=True)
args = ap.parse_args()

train_rows = read_csv(os.path.join(DS, 'train.csv'))
first = {(r['article_id'], r['sentence_id']): r for r in train_rows if r['source'].startswith('authored:')}
second = {}
for path in args.labels:
    for r in read_csv(path):
        key = (r['article_id'], r['sentence_id'])
        if key not in first:
            sys.exit(f'{path}: {key} is not an authored sentence of train.csv')
        second[key] = r
disagreements = {(k[0], k[1], c) for k, r in second.items() for c in COLUMNS if r[c] != first[k][c]}
final = {}
for path in args.adjudication:
    for a in read_csv(path):
        key = (a['article_id'], a['sentence_id'], a['column'])
        if key not in disagreements or key in final:
            sys.exit(f'{path}: {key} is not an open disagreement')
        if {a['label_a'], a['label_b']} != {first[key[:2]][key[2]], second[key[:2]][key[2]]}:
            sys.exit(f'{path}: {key} labels do not match the two passes')
        final[key] = a
if set(final) != disagreements:
    sys.exit(f'{len(disagreements - set(final))} disagreements have no adjudication')

def kept(r):
    return (r['article_id'], r['sentence_id']) not in second


p1 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass1.csv')) if kept(r)]
p2 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass2.csv')) if kept(r)]
for k in sorted(second, key=lambda k: (k[0], int(k[1]))):
    p1.append({c: first[k][c] for c in AGREEMENT[:5]} | {'round': args.round})
    p2.append({c: second[k][c] for c in AGREEMENT[:5]} | {'round': args.round})
write_csv(os.path.join(DS, 'agreement', 'pass1.csv'), p1, AGREEMENT)
write_csv(os.path.join(DS, 'agreement', 'pass2.csv'), p2, AGREEMENT)
adj = [r for r in read_csv(os.path.join(DS, 'agreement', 'adjudication.csv')) if kept(r)]
adj += [dict(final[k], round=args.round) for k in sorted(final, key=lambda k: (k[0], int(k[1]), k[2]))]
write_csv(os.path.join(DS, 'agreement', 'adjudication.csv'), adj, ADJUDICATION)

for name in ('train.csv', 'sentences.csv'):
    path = os.path.join(DS, name)
    with open(path, encoding='utf-8', newline='') as f:
        header = next(csv.reader(f))
    rows = read_csv(path)
    changed = 0
    for r in rows:
        for c in COLUMNS:
            a = final.get((r['article_id'], r['sentence_id'], c))
            if a is not None and r[c] != a['final']:
                r[c] = a['final']
                changed += 1
    write_csv(path, rows, header)
    print(f'{name}: {changed} labels changed')
print(f'{len(second)} sentences double-labeled, {len(final)} disagreements adjudicated')
