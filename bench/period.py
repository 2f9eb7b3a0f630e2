#!/usr/bin/env python3
"""Figures of the authored period corpus, on real text only, with and without the authored part.

  python3 bench/period.py [--cv] [-- TRAIN OPTIONS...]

Three measurements, each trained twice (real rows only / real + authored rows), default settings
unless options follow '--':
  1. leave-seeds-out: train on every dataset row but the five seeds (2021-2024), evaluate the
     seeds' 86 sentences and their 5 article verdicts;
  2. the fixed 2015-2018 split: train on train.csv, evaluate test.csv once; also the share of
     real neutral test sentences given a position (false positions);
  3. with --cv: article-grouped 5-fold cross-validation over sentences.csv, test folds of real
     articles only (authored articles train in every fold).
Prints a Markdown table to stdout; progress on stderr. Authored rows are those whose source
starts with 'authored:'."""
import csv, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'datasets', 'iraq-presence')
# STANCE_BIN runs another build (e.g. a copy of the jar while the sources are being edited)
STANCE = os.environ.get('STANCE_BIN', os.path.join(ROOT, 'bin', 'stance'))


def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def write(path, header, rs):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rs)


def run(args):
    t = time.time()
    p = subprocess.run([STANCE] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'failed: stance {" ".join(args)}\n{p.stderr}')
    print(f'  stance {args[0]} ({time.time() - t:.0f} s)', file=sys.stderr)
    return p.stdout


def authored(r):
    return r['source'].startswith('authored:')


def false_positions(m):
    i = m['labels'].index('neutral')
    row = m['confusion'][i]
    return (sum(row) - row[i]) / sum(row), sum(row) - row[i], sum(row)


def recall(m, label):
    for c in m['perClass']:
        if c['label'] == label:
            return c['recall'], c['support']
    return 0.0, 0


def macro_f1(pairs, labels):
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s)


def interval(path, task, labels, by_article, resamples=1000, seed=13):
    """95% bootstrap interval of macro-F1 from evaluate --predictions, resampling articles (or sentences)."""
    import random
    with open(path, newline='', encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if r[task]]
    groups = {}
    for r in rows:
        groups.setdefault(r['article_id'] if by_article else (r['article_id'], r['sentence_id']), []).append((r[task], r['predicted_' + task]))
    keys = list(groups)
    rnd = random.Random(seed)
    values = sorted(macro_f1([p for k in (rnd.choice(keys) for _ in keys) for p in groups[k]], labels) for _ in range(resamples))
    return values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1]


STANCES = ['neutral', 'pro_withdrawal', 'skeptical', 'status_quo']


def main():
    argv = sys.argv[1:]
    cv = '--cv' in argv
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    header, allrows = rows(os.path.join(DATA, 'sentences.csv'))
    _, train = rows(os.path.join(DATA, 'train.csv'))
    n_auth = sum(authored(r) for r in allrows)
    print(f'dataset: {len(allrows)} sentences, {n_auth} authored', file=sys.stderr)
    tmp = tempfile.mkdtemp(prefix='period-')
    seeds = [r for r in allrows if r['source'].startswith('seeds/')]
    write(f'{tmp}/seeds.csv', header, seeds)
    out = {}
    for name, keep in (('real only', lambda r: not authored(r)), ('real + authored', lambda r: True)):
        print(f'{name}:', file=sys.stderr)
        res = {}
        write(f'{tmp}/noseeds.csv', header, [r for r in allrows if keep(r) and not r['source'].startswith('seeds/')])
        run(['train', f'{tmp}/noseeds.csv', '--labels', 'iraq-presence', '-o', f'{tmp}/noseeds.zip'] + extra)
        res['seeds'] = json.loads(run(['evaluate', '-m', f'{tmp}/noseeds.zip', '--articles', '--json', f'{tmp}/seeds.csv',
                                       '--predictions', f'{tmp}/seeds-pred.csv']))
        res['seeds_ci'] = interval(f'{tmp}/seeds-pred.csv', 'stance', STANCES, by_article=False)
        write(f'{tmp}/train.csv', header, [r for r in train if keep(r)])
        run(['train', f'{tmp}/train.csv', '--labels', 'iraq-presence', '-o', f'{tmp}/split.zip'] + extra)
        res['test'] = json.loads(run(['evaluate', '-m', f'{tmp}/split.zip', '--json', os.path.join(DATA, 'test.csv'),
                                      '--predictions', f'{tmp}/test-pred.csv']))
        res['test_ci'] = interval(f'{tmp}/test-pred.csv', 'stance', STANCES, by_article=True)
        if cv:
            write(f'{tmp}/all.csv', header, [r for r in allrows if keep(r)])
            res['cv'] = json.loads(run(['cross-validate', f'{tmp}/all.csv', '--labels', 'iraq-presence', '-k', '5', '--json'] + extra))
        out[name] = res
    names = list(out)
    print('| measured on real text | ' + ' | '.join(names) + ' |')
    print('|---|' + '---|' * len(names))
    def line(label, f):
        print(f'| {label} | ' + ' | '.join(f(out[n]) for n in names) + ' |')
    line('seeds left out: stance macro-F1 (86 sentences; 95% interval, sentences resampled)',
         lambda r: f"{r['seeds']['stance']['macroF1']:.3f} ({r['seeds_ci'][0]:.2f}-{r['seeds_ci'][1]:.2f})")
    for lab in ('skeptical', 'pro_withdrawal', 'status_quo'):
        line(f'seeds left out: `{lab}` recall', lambda r, lab=lab: '%.2f (%d of %d)' % (recall(r['seeds']['stance'], lab)[0],
             round(recall(r['seeds']['stance'], lab)[0] * recall(r['seeds']['stance'], lab)[1]), recall(r['seeds']['stance'], lab)[1]))
    line('seeds left out: topic macro-F1', lambda r: f"{r['seeds']['topic']['macroF1']:.3f}")
    line('seeds left out: article verdicts right (of 5)', lambda r: f"{round(r['seeds']['article']['accuracy'] * r['seeds']['article']['n'])}")
    line('2015-2018 test split: stance macro-F1 (781; 95% interval, articles resampled)',
         lambda r: f"{r['test']['stance']['macroF1']:.3f} ({r['test_ci'][0]:.2f}-{r['test_ci'][1]:.2f})")
    line('2015-2018 test split: topic macro-F1', lambda r: f"{r['test']['topic']['macroF1']:.3f}")
    line('2015-2018 test split: neutral sentences given a position', lambda r: '%.1f%% (%d of %d)' % (100 * false_positions(r['test']['stance'])[0], *false_positions(r['test']['stance'])[1:]))
    if cv:
        def cvf(r, task):
            per = [f['macroF1'] for f in r['cv']['perFold'][task]] if 'perFold' in r['cv'] else []
            sd = (sum((x - sum(per) / len(per)) ** 2 for x in per) / max(1, len(per) - 1)) ** 0.5 if per else 0
            return f"{r['cv']['pooled'][task]['macroF1']:.3f} (fold sd {sd:.3f})"
        line('grouped 5-fold CV, real test folds: stance macro-F1', lambda r: cvf(r, 'stance'))
        line('grouped 5-fold CV, real test folds: topic macro-F1', lambda r: cvf(r, 'topic'))
    print(f'\n{n_auth} authored sentences of {len(allrows)}; settings: defaults' + (' ' + ' '.join(extra) if extra else '') + '.')


main()
