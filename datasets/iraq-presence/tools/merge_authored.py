#!/usr/bin/env python3
"""Merges the authored period corpus (2019-2026) into the iraq-presence dataset.

  python3 datasets/iraq-presence/tools/merge_authored.py AUTHORING_DIR [SECOND_PASS_DIR]   (from the repository root)
  python3 datasets/iraq-presence/tools/merge_authored.py --append AUTHORING_DIR BATCH...   (a later round's batches)

AUTHORING_DIR holds the annotators' batches b*/sentences.csv (article_id, sentence_id, target, stance,
topic, text: first-pass labels) and b*/sources.tsv (article_id, modeled_on_url, page_date, outlet,
style, facts_used). SECOND_PASS_DIR (default AUTHORING_DIR/pass2) holds the independent second pass
*/labels.csv (article_id, sentence_id, target, stance, topic) and the adjudication adjudication.csv
(article_id, sentence_id, column, label_a, label_b, final, reason).

It replaces any earlier authored rows (so it can be re-run) and:
  1. appends every authored sentence to sentences.csv and to train.csv (authored text is training
     material only: never dev or test), with source 'authored:<modeled-on URL>' and the first-pass
     label unless the adjudication decided another;
  2. adds each authored article to SOURCES.tsv and its full record to authored/modeled-on.tsv;
  3. appends the double-labeled sentences to agreement/pass1.csv and pass2.csv with round=authored,
     and the adjudicated disagreements to agreement/adjudication.csv.
Labels are never produced here: every label comes from an annotator's file.
"""
import csv
import glob
import os
import sys

REPO = os.getcwd()
DS = os.path.join(REPO, 'datasets', 'iraq-presence')
COLUMNS = ['article_id', 'sentence_id', 'source', 'target', 'stance', 'topic', 'text']
AGREEMENT = ['article_id', 'sentence_id', 'target', 'stance', 'topic', 'round']
ADJUDICATION = ['article_id', 'sentence_id', 'column', 'label_a', 'label_b', 'final', 'reason', 'round']
SOURCES = ['article_id', 'source', 'origin', 'date', 'licence', 'url_or_repository', 'sentences']
MODELED_ON = ['article_id', 'modeled_on_url', 'page_date', 'outlet', 'style', 'facts_used', 'annotator']
ROUND = 'authored'


def read_csv(path, delimiter=','):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def write_csv(path, rows, columns, delimiter=',', terminator='\r\n'):
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=columns, delimiter=delimiter, lineterminator=terminator)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, '') for c in columns})
    os.replace(tmp, path)


def key(r):
    return (r['article_id'], str(int(r['sentence_id'])))


def batch(src, name):
    """A batch's first-pass rows, in the dataset's form, and its articles' modeled-on records."""
    meta = {r['article_id']: r for r in read_csv(os.path.join(src, name, 'sources.tsv'), '\t')}
    written = read_csv(os.path.join(src, name, 'sentences.csv'))
    rows = [dict(r, sentence_id=str(int(r['sentence_id'])), source='authored:' + meta[r['article_id']]['modeled_on_url'].strip(),
                 text=r['text'].strip()) for r in written]
    return rows, [dict(meta[aid], annotator=name) for aid in sorted({r['article_id'] for r in written})]


def source_rows(rows, records):
    """The SOURCES.tsv rows of authored articles, each with its sentence count."""
    counts = {}
    for r in rows:
        counts[r['article_id']] = counts.get(r['article_id'], 0) + 1
    return [{'article_id': m['article_id'], 'source': 'authored',
             'origin': 'written by the project annotators after one page (modeled on: facts only, own wording)',
             'date': m['page_date'], 'licence': 'Apache-2.0 (the project\'s own text)',
             'url_or_repository': m['modeled_on_url'].strip(), 'sentences': counts[m['article_id']]} for m in records]


def append(src, batches):
    """Adds the named batches' articles (first-pass labels) to the dataset beside the authored rows it
    holds already, which it leaves as they are (later steps may have revised them). Their second pass
    is merged afterwards by merge_second_pass.py."""
    present = {r['article_id'] for r in read_csv(os.path.join(DS, 'sentences.csv'))}
    rows, records = [], []
    for name in batches:
        batch_rows, batch_records = batch(src, name)
        clash = next((r['article_id'] for r in batch_rows if r['article_id'] in present), None)
        if clash:
            sys.exit(f'{name}: article {clash} is in the dataset already')
        rows += batch_rows
        records += batch_records
    for name in ('sentences.csv', 'train.csv'):
        path = os.path.join(DS, name)
        write_csv(path, read_csv(path) + rows, COLUMNS)
    sources = read_csv(os.path.join(DS, 'SOURCES.tsv'), '\t') + source_rows(rows, records)
    write_csv(os.path.join(DS, 'SOURCES.tsv'), sources, SOURCES, '\t', '\n')
    path = os.path.join(DS, 'authored', 'modeled-on.tsv')
    write_csv(path, read_csv(path, '\t') + records, MODELED_ON, '\t', '\n')
    print(f'appended {len(records)} authored articles, {len(rows)} sentences')


def main():
    if sys.argv[1] == '--append':
        append(sys.argv[2], sys.argv[3:])
        return
    src = sys.argv[1]
    second_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(src, 'pass2')
    first, records = [], []
    for path in sorted(glob.glob(os.path.join(src, 'b*', 'sentences.csv'))):
        batch_rows, batch_records = batch(src, os.path.basename(os.path.dirname(path)))
        first += batch_rows
        records += batch_records
    adjudicated = {}
    adj_path = os.path.join(second_dir, 'adjudication.csv')
    adjudication = read_csv(adj_path) if os.path.exists(adj_path) else []
    for a in adjudication:
        adjudicated[(a['article_id'], str(int(a['sentence_id'])), a['column'])] = a['final']
    rows = []
    for r in first:
        r = dict(r)
        for col in ('target', 'stance', 'topic'):
            r[col] = adjudicated.get((r['article_id'], r['sentence_id'], col), r[col])
        rows.append(r)

    def replace(name, extra):
        path = os.path.join(DS, name)
        kept = [r for r in read_csv(path) if not r['source'].startswith('authored:')]
        write_csv(path, kept + extra, COLUMNS)
    replace('sentences.csv', rows)
    replace('train.csv', rows)

    sources = [r for r in read_csv(os.path.join(DS, 'SOURCES.tsv'), '\t') if r['source'] != 'authored'] + source_rows(rows, records)
    write_csv(os.path.join(DS, 'SOURCES.tsv'), sources, SOURCES, '\t', '\n')
    os.makedirs(os.path.join(DS, 'authored'), exist_ok=True)
    write_csv(os.path.join(DS, 'authored', 'modeled-on.tsv'), records, MODELED_ON, '\t', '\n')

    # Agreement: first pass (the authors) against the blind second pass.
    second = {}
    for path in sorted(glob.glob(os.path.join(second_dir, '*', 'labels.csv'))):
        for r in read_csv(path):
            second[key(r)] = r
    by_key = {key(r): r for r in first}
    p1 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass1.csv')) if r.get('round') != ROUND]
    p2 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass2.csv')) if r.get('round') != ROUND]
    for k in sorted(second, key=lambda k: (k[0], int(k[1]))):
        if k not in by_key:
            sys.exit(f'second pass labels {k} that no batch holds')
        a, b = by_key[k], second[k]
        p1.append({c: a[c] for c in AGREEMENT[:5]} | {'round': ROUND})
        p2.append({c: b[c] for c in AGREEMENT[:5]} | {'round': ROUND, 'sentence_id': k[1]})
    write_csv(os.path.join(DS, 'agreement', 'pass1.csv'), p1, AGREEMENT)
    write_csv(os.path.join(DS, 'agreement', 'pass2.csv'), p2, AGREEMENT)
    adj = [r for r in read_csv(os.path.join(DS, 'agreement', 'adjudication.csv')) if r.get('round') != ROUND]
    adj += [dict(a, round=ROUND, sentence_id=str(int(a['sentence_id']))) for a in adjudication]
    write_csv(os.path.join(DS, 'agreement', 'adjudication.csv'), adj, ADJUDICATION)
    print(f'{len(records)} authored articles, {len(rows)} sentences; {len(second)} double-labeled, {len(adjudication)} adjudicated')


if __name__ == '__main__':
    main()
