#!/usr/bin/env python3
"""The peers of `stance cross-validate` on the very same article folds: scikit-learn TF-IDF pipelines.

    bin/stance cross-validate DATA.csv -k 5 --json > cv.json      # ours, and the folds it used
    /usr/bin/python3 bench/cv_peers.py DATA.csv cv.json           # the peers on those folds

Features as a user would write them: TF-IDF of word 1-2-grams and char_wb 2-5-grams (sublinear tf),
then LinearSVC (C=1, plain and class_weight=balanced) or LogisticRegression (C=10, balanced).
With --tuned, also LR and SVM (balanced) whose C is chosen by article-grouped 3-fold CV inside each
training part, as `stance train --autotune` chooses ours (slow: ten fits per fold). With --context,
also the balanced peers given the article context block ours has by default (each sentence's TF-IDF
vector ‖ 0.5 × the L2-normalised sum of its article's sentence vectors), to tell what the features
bring from what the trainer brings.
Prints pooled macro-F1 per task and per-fold spread, next to ours from cv.json.
"""
import csv, json, statistics, sys
from collections import defaultdict
import scipy.sparse as sp
from sklearn.preprocessing import normalize
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.svm import LinearSVC


def features():
    return make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                      TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))


PEERS = {
    "tfidf-svm": lambda: make_pipeline(features(), LinearSVC(C=1.0)),
    "tfidf-svm-balanced": lambda: make_pipeline(features(), LinearSVC(C=1.0, class_weight="balanced")),
    "tfidf-lr-balanced": lambda: make_pipeline(features(), LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)),
}


class GroupTuned:
    """A peer tuned as ours is: C chosen by article-grouped 3-fold CV on its training part (macro-F1), then refit on all of it."""

    def __init__(self, estimator, grid):
        self.estimator, self.grid = estimator, grid

    def fit(self, texts, labels, groups):
        search = GridSearchCV(self.estimator, self.grid, cv=GroupKFold(n_splits=3), scoring="f1_macro", n_jobs=1)
        self.model = search.fit(texts, labels, groups=groups)
        print(f"  tuned: {search.best_params_}", file=sys.stderr)
        return self

    def predict(self, texts):
        return self.model.predict(texts)


TUNED = {
    "tfidf-lr-balanced, C tuned by grouped CV": lambda: GroupTuned(make_pipeline(features(), LogisticRegression(class_weight="balanced",
                                                                                                          max_iter=2000)),
                                                                  {"logisticregression__C": [1.0, 10.0, 100.0]}),
    "tfidf-svm-balanced, C tuned by grouped CV": lambda: GroupTuned(make_pipeline(features(), LinearSVC(class_weight="balanced")),
                                                                   {"linearsvc__C": [0.1, 1.0, 10.0]}),
}


class WithArticleContext:
    """A peer whose input is ours with the article context (`--article-context 0.5`): sentence TF-IDF ‖ 0.5 · normalised article sum."""

    def __init__(self, classifier, weight=0.5):
        self.classifier, self.weight = classifier, weight

    def _inputs(self, texts, groups):
        x = self.features.transform(texts)
        rows_of = defaultdict(list)
        for i, g in enumerate(groups):
            rows_of[g].append(i)
        member = sp.lil_matrix((len(texts), len(texts)))
        for rows in rows_of.values():
            for i in rows:
                for j in rows:
                    member[i, j] = 1.0
        return sp.hstack([x, self.weight * normalize(member.tocsr() @ x)]).tocsr()

    def fit(self, texts, labels, groups):
        self.features = features().fit(texts)
        self.classifier.fit(self._inputs(texts, groups), labels)
        return self

    def predict(self, texts, groups):
        return self.classifier.predict(self._inputs(texts, groups))


CONTEXT = {
    "tfidf-svm-balanced + article context": lambda: WithArticleContext(LinearSVC(C=1.0, class_weight="balanced")),
    "tfidf-lr-balanced + article context": lambda: WithArticleContext(LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)),
}


def main(data, cv_json):
    rows = list(csv.DictReader(open(data, encoding="utf-8")))
    ours = json.load(open(cv_json, encoding="utf-8"))
    folds = ours["articleFolds"]
    k = ours["folds"]
    fold = [folds[r["article_id"]] for r in rows]
    print(f"| system | " + " | ".join(f"{t} pooled macro-F1 | {t} per fold (mean ± sd)" for t in ours["pooled"]) + " |")
    print("|---|" + "---|---|" * len(ours["pooled"]))
    cells = []
    for task, m in ours["pooled"].items():
        per = [x["macroF1"] for x in ours["perFold"][task]]
        cells.append(f"{m['macroF1']:.4f} | {statistics.mean(per):.4f} ± {statistics.stdev(per):.4f}")
    print("| `stance` defaults (ours) | " + " | ".join(cells) + " |")
    peers = dict(PEERS)
    if "--tuned" in sys.argv:
        peers.update(TUNED)
    if "--context" in sys.argv:
        peers.update(CONTEXT)
    if "--only-context" in sys.argv:
        peers = dict(CONTEXT)
    for name, make in peers.items():
        cells = []
        for task in ours["pooled"]:
            gold = [r[task] for r in rows]
            pred = [None] * len(rows)
            per = []
            for f in range(k):
                train = [i for i in range(len(rows)) if fold[i] != f and gold[i]]
                test = [i for i in range(len(rows)) if fold[i] == f and gold[i]]
                texts, labels = [rows[i]["text"] for i in train], [gold[i] for i in train]
                model = make()
                grouped = isinstance(model, (GroupTuned, WithArticleContext))
                model = model.fit(texts, labels, [rows[i]["article_id"] for i in train]) if grouped else model.fit(texts, labels)
                test_texts = [rows[i]["text"] for i in test]
                p = model.predict(test_texts, [rows[i]["article_id"] for i in test]) if isinstance(model, WithArticleContext) else model.predict(test_texts)
                for i, y in zip(test, p):
                    pred[i] = y
                per.append(f1_score([gold[i] for i in test], p, average="macro", labels=sorted(set(gold) - {""}), zero_division=0))
            idx = [i for i in range(len(rows)) if gold[i]]
            pooled = f1_score([gold[i] for i in idx], [pred[i] for i in idx], average="macro", labels=sorted(set(gold) - {""}), zero_division=0)
            cells.append(f"{pooled:.4f} | {statistics.mean(per):.4f} ± {statistics.stdev(per):.4f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*[a for a in sys.argv[1:] if not a.startswith("--")])
