#!/usr/bin/env python3
"""Merges the second annotation round (2026-12) into the iraq-presence dataset.

What it does, in order (run once, from the repository root):
  1. removes every article listed in ../shared/corpus/HELD-OUT.tsv from sentences.csv, SOURCES.tsv,
     ant-selection.tsv and the agreement files (two were in the dataset);
  2. adds the articles taken from ../shared/corpus/iraq-presence-more/ with the first-pass labels of
     their annotators, except where the adjudication of a disagreement with the independent second
     pass decided another label (round2/adjudication.csv);
  3. appends the double-labeled sentences to agreement/pass1.csv and pass2.csv with round=2 (the
     first round's rows get round=1), and the adjudicated disagreements to agreement/adjudication.csv;
  4. adds the new articles to SOURCES.tsv (source, date, licence, repository path, sentence count).

Arguments: the folder holding the annotation batches (batches/b*/selection.tsv, labels.csv) and the
second pass (pass2/p*/labels.csv), and pool.csv (`stance prepare` of the candidate pool).
Labels are never produced here: every label comes from an annotator's file.
"""
import csv
import os
import sys

REPO = os.getcwd()
DS = os.path.join(REPO, 'datasets', 'iraq-presence')
SHARED = os.path.join(REPO, '..', 'shared', 'corpus')
COLUMNS = ['article_id', 'sentence_id', 'source', 'target', 'stance', 'topic', 'text']
POOL_DIR = 'shared/corpus/iraq-presence-more/articles/'


def read_csv(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def write_csv(path, rows, columns):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator='\r\n')
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, '') for c in columns})


def read_tsv(path):
    lines = open(path, encoding='utf-8').read().splitlines()
    header = lines[0].split('\t')
    return [dict(zip(header, line.split('\t'))) for line in lines[1:] if line]


def write_tsv(path, rows, columns):
    """Plain tab-separated lines, no quoting (the fields hold no tab or newline)."""
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('\t'.join(columns) + '\n')
        for r in rows:
            f.write('\t'.join(str(r.get(c, '')) for c in columns) + '\n')


def main(annot, pool_csv):
    held = {line.split('\t')[0] for line in open(os.path.join(SHARED, 'HELD-OUT.tsv'), encoding='utf-8').read().splitlines()[1:]}
    def is_held(article_id):
        return any(article_id == h or article_id.endswith('_' + h) for h in held)

    # 1. held-out articles out
    sentences = [r for r in read_csv(os.path.join(DS, 'sentences.csv')) if not is_held(r['article_id'])]
    pass1 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass1.csv')) if not is_held(r['article_id'])]
    pass2 = [r for r in read_csv(os.path.join(DS, 'agreement', 'pass2.csv')) if not is_held(r['article_id'])]
    adjudication = [r for r in read_csv(os.path.join(DS, 'agreement', 'adjudication.csv')) if not is_held(r['article_id'])]
    for r in pass1 + pass2:
        r.setdefault('round', '1')
        r['round'] = r.get('round') or '1'
    for r in adjudication:
        r['round'] = r.get('round') or '1'

    # 2. new articles with their first-pass labels
    pool = {(r['article_id'], r['sentence_id']): r for r in read_csv(pool_csv)}
    first = {}
    taken = []
    for b in sorted(os.listdir(os.path.join(annot, 'batches'))):
        d = os.path.join(annot, 'batches', b)
        for line in open(os.path.join(d, 'selection.tsv'), encoding='utf-8'):
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 2 and parts[1].strip() == 'take':
                taken.append(parts[0].strip())
        for r in read_csv(os.path.join(d, 'labels.csv')):
            first[(r['article_id'], r['sentence_id'])] = r
    assert not any(is_held(a) for a in taken), 'a held-out article was taken'
    second = {}
    for p in sorted(os.listdir(os.path.join(annot, 'pass2'))):
        for r in read_csv(os.path.join(annot, 'pass2', p, 'labels.csv')):
            second[(r['article_id'], r['sentence_id'])] = r
    decided = {(r['article_id'], r['sentence_id'], r['column']): r['final'] for r in read_csv(os.path.join(DS, 'round2', 'adjudication.csv'))}
    existing = {r['article_id'] for r in sentences}
    added = []
    for article in taken:
        assert article not in existing, article
        keys = sorted((k for k in pool if k[0] == article), key=lambda k: int(k[1]))
        for k in keys:
            lab = first[k]
            row = {'article_id': article, 'sentence_id': k[1], 'source': POOL_DIR + article + '.txt', 'text': pool[k]['text']}
            for c in ('target', 'stance', 'topic'):
                row[c] = decided.get((k[0], k[1], c), lab[c])
            added.append(row)
    sentences += added

    # 3. agreement study, round 2
    for k in sorted(second, key=lambda k: (k[0], int(k[1]))):
        pass1.append({'article_id': k[0], 'sentence_id': k[1], 'target': first[k]['target'], 'stance': first[k]['stance'],
                      'topic': first[k]['topic'], 'round': '2'})
        pass2.append({'article_id': k[0], 'sentence_id': k[1], 'target': second[k]['target'], 'stance': second[k]['stance'],
                      'topic': second[k]['topic'], 'round': '2'})
    for r in read_csv(os.path.join(DS, 'round2', 'adjudication.csv')):
        adjudication.append(dict(r, round='2'))

    # 4. sources
    sources = [r for r in read_tsv(os.path.join(DS, 'SOURCES.tsv')) if not is_held(r['article_id'])]
    index = {r['file'][:-4]: r for r in read_tsv(os.path.join(SHARED, 'iraq-presence-more', 'INDEX.tsv'))}
    counts = {}
    for r in added:
        counts[r['article_id']] = counts.get(r['article_id'], 0) + 1
    for article in taken:
        i = index[article]
        sources.append({'article_id': article, 'source': POOL_DIR + article + '.txt', 'origin': i['repo'], 'date': i['date'],
                        'licence': i['license'], 'url_or_repository': i['url'] or (i['repo'] + '/' + i['path']), 'sentences': counts[article]})
    source_columns = ['article_id', 'source', 'origin', 'date', 'licence', 'url_or_repository', 'sentences']
    write_tsv(os.path.join(DS, 'SOURCES.tsv'), sources, source_columns)
    selection = [r for r in read_tsv(os.path.join(DS, 'ant-selection.tsv')) if not is_held(r['docno'])]
    write_tsv(os.path.join(DS, 'ant-selection.tsv'), selection, ['file', 'docno', 'source', 'label', 'date', 'title', 'why'])

    write_csv(os.path.join(DS, 'sentences.csv'), sentences, COLUMNS)
    write_csv(os.path.join(DS, 'agreement', 'pass1.csv'), pass1, ['article_id', 'sentence_id', 'target', 'stance', 'topic', 'round'])
    write_csv(os.path.join(DS, 'agreement', 'pass2.csv'), pass2, ['article_id', 'sentence_id', 'target', 'stance', 'topic', 'round'])
    write_csv(os.path.join(DS, 'agreement', 'adjudication.csv'), adjudication,
              ['article_id', 'sentence_id', 'column', 'label_a', 'label_b', 'final', 'reason', 'round'])
    print(f'{len(taken)} articles, {len(added)} sentences added; {len(sentences)} sentences in all', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
