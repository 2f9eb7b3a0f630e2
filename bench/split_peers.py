#!/usr/bin/env python3
"""The scikit-learn peers on a fixed train → test split (Mawqif's official one), as a user would run them.

    /usr/bin/python3 bench/split_peers.py TRAIN.csv TEST.csv [--task stance] [--offsets]

Same peers and features as bench/cv_peers.py (TF-IDF word 1-2 + char_wb 2-5, sublinear tf; LinearSVC
C=1 plain and balanced; LogisticRegression C=10 balanced), trained on the text column. Prints
macro-F1 and, for favor/against labels, F_avg (mean F1 of favor and against per target, averaged
over targets: the Mawqif/StanceEval figure), with a 1,000-sample bootstrap 95% interval over test rows.
Rows whose text has no Arabic letter are left out of both files, as `stance train --skip-invalid` does.
"""
import argparse, csv, random, re, sys
from sklearn.metrics import f1_score
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from cv_peers import PEERS

ARABIC = re.compile("[\u0600-\u06FF]")


def read(path, task):
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if ARABIC.search(r["text"]) and r[task].strip()]
    return rows


def favg(gold, pred, targets, labels):
    pair = [l for l in labels if l.lower() == "favor"], [l for l in labels if l.lower() == "against"]
    if not pair[0] or not pair[1]:
        return None
    scores = []
    for t in sorted(set(targets)):
        idx = [i for i, x in enumerate(targets) if x == t]
        g = [gold[i] for i in idx]; p = [pred[i] for i in idx]
        f = f1_score(g, p, labels=[pair[0][0], pair[1][0]], average=None, zero_division=0)
        scores.append(sum(f) / 2)
    return sum(scores) / len(scores)


def figures(gold, pred, targets, labels):
    macro = f1_score(gold, pred, average="macro", labels=labels, zero_division=0)
    return macro, favg(gold, pred, targets, labels)


def bootstrap(gold, pred, targets, labels, k=1000, seed=13):
    rnd = random.Random(seed)
    n = len(gold)
    values = []
    for _ in range(k):
        idx = [rnd.randrange(n) for _ in range(n)]
        m, f = figures([gold[i] for i in idx], [pred[i] for i in idx], [targets[i] for i in idx], labels)
        values.append(f if f is not None else m)
    values.sort()
    return values[int(0.025 * k)], values[int(0.975 * k) - 1]


class WithOffsets:
    """A peer with per-class offsets on its decision scores chosen for the metric on inner folds of the
    training split: the search of `stance train --offset-folds` (DecisionOffsets: one class at a time,
    smallest shifts first, 3 rounds, a change kept only when it gains 1e-4), on log-probabilities for
    LogisticRegression (steps of 0.25 up to ±4, as ours) and on margins for LinearSVC (steps of 0.0625 up to ±1)."""

    def __init__(self, make, folds=3):
        self.make, self.folds = make, folds

    def _scores(self, model, texts):
        clf = model.steps[-1][1]
        if hasattr(clf, "predict_proba"):
            import numpy as np
            return np.log(np.maximum(model.predict_proba(texts), 1e-30)), 0.25, 4.0
        import numpy as np
        margins = model.decision_function(texts)
        if margins.ndim == 1:  # two classes: one margin, for classes_[1]
            margins = np.column_stack([-margins, margins])
        return margins, 0.0625, 1.0

    def fit(self, texts, labels, targets, metric):
        import numpy as np
        from sklearn.model_selection import StratifiedKFold
        labels = np.array(labels)
        held_scores, held_gold, held_targets = [], [], []
        for tr, te in StratifiedKFold(self.folds, shuffle=True, random_state=13).split(texts, labels):
            m = self.make().fit([texts[i] for i in tr], labels[tr])
            sc, self.step, self.range = self._scores(m, [texts[i] for i in te])
            held_scores.append(sc); held_gold += list(labels[te]); held_targets += [targets[i] for i in te]
        self.model = self.make().fit(texts, labels)
        self.classes = list(self.model.classes_)
        scores = np.vstack(held_scores)
        offsets = np.zeros(len(self.classes))
        score = lambda o: metric(held_gold, [self.classes[j] for j in np.argmax(scores + o, axis=1)], held_targets)
        best = score(offsets)
        for _ in range(3):
            moved = False
            for c in range(1, len(self.classes)):
                keep, best_value = offsets[c], offsets[c]
                for k in range(int(round(self.range / self.step)) + 1):
                    for v in (k * self.step, -k * self.step):
                        offsets[c] = v
                        s = score(offsets)
                        if s > best + 1e-4:
                            best, best_value = s, v
                offsets[c] = best_value
                moved |= best_value != keep
            if not moved:
                break
        self.offsets = offsets
        return self

    def predict(self, texts):
        import numpy as np
        sc, _, _ = self._scores(self.model, texts)
        return [self.classes[j] for j in np.argmax(sc + self.offsets, axis=1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train"); ap.add_argument("test"); ap.add_argument("--task", default="stance")
    ap.add_argument("--skip", action="append", default=[], help="a peer to leave out (repeatable)")
    ap.add_argument("--offsets", action="store_true", help="also each peer with decision offsets chosen for the metric on 3 inner folds")
    a = ap.parse_args()
    train, test = read(a.train, a.task), read(a.test, a.task)
    labels = sorted({r[a.task] for r in train})
    gold = [r[a.task] for r in test]
    targets = [r.get("target", "") for r in test]
    print(f"{len(train)} training rows, {len(test)} test rows, labels {labels}")
    print("| system | macro-F1 | F_avg | 95% interval (F_avg, else macro-F1) |")
    print("|---|---|---|---|")
    for name, make in PEERS.items():
        if name in a.skip:
            print(f"| {name} | skipped | | |", flush=True)
            continue
        model = make().fit([r["text"] for r in train], [r[a.task] for r in train])
        pred = list(model.predict([r["text"] for r in test]))
        m, f = figures(gold, pred, targets, labels)
        lo, hi = bootstrap(gold, pred, targets, labels)
        print(f"| {name} | {m:.4f} | {'' if f is None else f'{f:.4f}'} | {lo:.4f}-{hi:.4f} |", flush=True)
        if a.offsets:
            def metric(g, p, t):
                mm, ff = figures(g, p, t, labels)
                return ff if ff is not None else mm
            tuned = WithOffsets(make).fit([r["text"] for r in train], [r[a.task] for r in train],
                                          [r.get("target", "") for r in train], metric)
            pred = tuned.predict([r["text"] for r in test])
            m, f = figures(gold, pred, targets, labels)
            lo, hi = bootstrap(gold, pred, targets, labels)
            print(f"| {name} + offsets for the metric (3 inner folds) | {m:.4f} | {'' if f is None else f'{f:.4f}'} | {lo:.4f}-{hi:.4f} |",
                  flush=True)


if __name__ == "__main__":
    main()
