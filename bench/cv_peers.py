#!/usr/bin/env python3
"""The peers of `stance cross-validate` on the very same article folds: scikit-learn TF-IDF pipelines.

    bin/stance cross-validate DATA.csv -k 5 --json > cv.json      # ours, and the folds it used
    /usr/bin/python3 bench/cv_peers.py DATA.csv cv.json           # the peers on those folds

Features as a user would write them: TF-IDF of word 1-2-grams and char_wb 2-5-grams (sublinear tf),
then LinearSVC (C=1, plain and class_weight=balanced) or LogisticRegression (C=10, balanced).
Prints pooled macro-F1 per task and per-fold spread, next to ours from cv.json.
"""
import csv, json, statistics, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC


def features():
    return make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                      TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))


PEERS = {
    "tfidf-svm": lambda: make_pipeline(features(), LinearSVC(C=1.0)),
    "tfidf-svm-balanced": lambda: make_pipeline(features(), LinearSVC(C=1.0, class_weight="balanced")),
    "tfidf-lr-balanced": lambda: make_pipeline(features(), LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)),
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
    for name, make in PEERS.items():
        cells = []
        for task in ours["pooled"]:
            gold = [r[task] for r in rows]
            pred = [None] * len(rows)
            per = []
            for f in range(k):
                train = [i for i in range(len(rows)) if fold[i] != f and gold[i]]
                test = [i for i in range(len(rows)) if fold[i] == f and gold[i]]
                model = make().fit([rows[i]["text"] for i in train], [gold[i] for i in train])
                p = model.predict([rows[i]["text"] for i in test])
                for i, y in zip(test, p):
                    pred[i] = y
                per.append(f1_score([gold[i] for i in test], p, average="macro", labels=sorted(set(gold) - {""}), zero_division=0))
            idx = [i for i in range(len(rows)) if gold[i]]
            pooled = f1_score([gold[i] for i in idx], [pred[i] for i in idx], average="macro", labels=sorted(set(gold) - {""}), zero_division=0)
            cells.append(f"{pooled:.4f} | {statistics.mean(per):.4f} ± {statistics.stdev(per):.4f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
