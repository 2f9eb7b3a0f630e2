#!/usr/bin/python3
"""Peer baselines for the stance/topic benchmark: fastText (Debian CLI) and
scikit-learn TF-IDF + LogisticRegression / LinearSVC, trained on train, tuned on
dev only, evaluated once on test.

    /usr/bin/python3 bench/prepare_data.py          # writes target/bench-data/
    /usr/bin/python3 bench/baselines.py [--tasks mawqif-stance,ant-topic,iraq-stance,iraq-topic]
                                        [--data DIR] [--iraq DIR] [--out FILE] [--quick]

Tasks (each runs only if its files exist):
  mawqif-stance  target/bench-data/mawqif/   label=stance, input "target_<name> <text>"
  ant-topic      target/bench-data/ant/      label=topic
  iraq-stance    datasets/iraq-presence/     label=stance (text only)
  iraq-topic     datasets/iraq-presence/     label=topic  (text only)

Prints one markdown table per task to stdout, progress to stderr, and writes every
figure to target/bench-results/peers.json (--out).  Needs Debian packages only:
fasttext python3-sklearn python3-numpy python3-scipy.

Measurement notes
  * The same light Arabic normalisation is applied to every text for every peer
    before features: remove diacritics U+064B-U+0652 and tatweel U+0640, map
    alef variants (U+0623 U+0625 U+0622 U+0671) to bare alef U+0627, alef maqsura
    U+0649 to yeh U+064A, collapse whitespace.  fastText input is additionally
    lower-cased with punctuation split off as separate tokens (fastText's own
    tokeniser splits on whitespace only; sklearn's analyzers lower-case and
    tokenise themselves).  fastText training files are shuffled (seed 13).
  * train time: wall time of training the selected configuration on train
    (sklearn: TfidfVectorizer fit_transform + classifier fit; fastText: the
    `fasttext supervised` process).  The dev grid search is reported separately.
  * predict throughput: test sentences / s, model already loaded, excluding the
    shared normalisation.  sklearn: a fresh process unpickles the pipeline, then
    times pipeline.predict(raw test texts).  fastText: wall time of
    `fasttext predict-prob` on the (replicated) test file minus the wall time of
    the same command on a one-line file (= model load).
  * peak RSS: sklearn via resource.getrusage(RUSAGE_SELF).ru_maxrss of forked
    worker processes (training: data + features + classifier; predict: the fresh
    predict process); fastText via the rusage (ru_maxrss) of the child process.
  * model size: bytes of the pickled sklearn Pipeline (TfidfVectorizer.stop_words_
    removed, as the sklearn docs advise) / of the fastText .bin file.
"""
import argparse
import csv
import datetime
import json
import math
import os
import pickle
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 13
BIG = 10000  # train rows above which the (slower) large-task grids are used

# ------------------------------------------------------------ normalisation
_DIAC = re.compile("[\u064B-\u0652\u0640]")
_ALEF = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
                       "\u0671": "\u0627", "\u0649": "\u064A"})
_PUNCT = re.compile(r"([^\w\s])")
NORMALISATION = ("light Arabic normalisation, identical for all peers: remove diacritics "
                 "U+064B-U+0652 and tatweel U+0640; alef variants (hamza above/below, madda, "
                 "wasla) -> bare alef; alef maqsura -> yeh; whitespace collapsed. fastText input "
                 "additionally lower-cased with punctuation split into separate tokens.")


def normalise(text):
    return " ".join(_DIAC.sub("", text).translate(_ALEF).split())


def ft_tokens(text):
    return " ".join(_PUNCT.sub(r" \1 ", text.lower()).split()) or "_empty_"


def log(*a):
    print("[%s]" % time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


# ------------------------------------------------------------ tasks / data
def task_table(data_dir, iraq_dir):
    return [
        dict(name="mawqif-stance", dir=os.path.join(data_dir, "mawqif"), label="stance",
             prepend_target=True, metric="f_avg"),
        dict(name="ant-topic", dir=os.path.join(data_dir, "ant"), label="topic",
             prepend_target=False, metric="macro_f1"),
        dict(name="iraq-stance", dir=iraq_dir, label="stance", prepend_target=False, metric="macro_f1"),
        dict(name="iraq-topic", dir=iraq_dir, label="topic", prepend_target=False, metric="macro_f1"),
    ]


def load_split(path, task):
    texts, labels, targets, skipped = [], [], [], 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            lab = (r.get(task["label"]) or "").strip()
            text = (r.get("text") or "").strip()
            if not lab or not text:
                skipped += 1
                continue
            tgt = (r.get("target") or "").strip()
            if task["prepend_target"]:
                text = "target_%s %s" % (tgt, text)
            texts.append(normalise(text))
            labels.append(lab)
            targets.append(tgt)
    return dict(texts=texts, labels=labels, targets=targets, skipped=skipped)


# ------------------------------------------------------------ metrics
def evaluate(y_true, y_pred, labels, targets=None, with_favg=False):
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    yt, yp = np.array(y_true), np.array(y_pred)
    per = f1_score(yt, yp, labels=labels, average=None, zero_division=0)
    out = dict(n=len(yt), accuracy=float(accuracy_score(yt, yp)),
               macro_f1=float(per.mean()),
               per_class_f1={l: float(v) for l, v in zip(labels, per)})
    if with_favg:
        fa = ["favor", "against"]
        tg = np.array(targets)
        by_t = {}
        for t in sorted(set(targets)):
            m = tg == t
            by_t[t] = float(f1_score(yt[m], yp[m], labels=fa, average=None, zero_division=0).mean())
        out["f_avg"] = float(np.mean(list(by_t.values())))
        out["f_avg_by_target"] = by_t
        out["f_avg_pooled"] = float(f1_score(yt, yp, labels=fa, average=None, zero_division=0).mean())
    return out


# ------------------------------------------------------------ process helpers
def in_fork(fn, *args):
    """Run fn(*args) in a forked child; return (result, child's peak RSS in bytes
    from getrusage(RUSAGE_SELF) inside the child)."""
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            res = fn(*args)
            payload = pickle.dumps(("ok", res, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))
        except BaseException:
            payload = pickle.dumps(("error", traceback.format_exc(), 0))
        with os.fdopen(w, "wb") as f:
            f.write(payload)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("worker died without a result")
    status, res, rss = pickle.loads(data)
    if status != "ok":
        raise RuntimeError("worker failed:\n" + res)
    return res, rss


def run_timed(cmd, stdout_path=None):
    """Run cmd; return (wall seconds, peak RSS bytes of that child)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode("utf-8", "replace")
        p.stderr.close()
    finally:
        if stdout_path:
            out.close()
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode, err[-2000:]))
    return wall, ru.ru_maxrss * 1024


# ------------------------------------------------------------ fastText
FT_SMALL = ["-wordNgrams 2 -minn 2 -maxn 5 -epoch 25 -lr 0.5",
            "-wordNgrams 2 -epoch 25 -lr 0.5",
            "-wordNgrams 2 -minn 2 -maxn 5 -epoch 10 -lr 1.0"]
FT_BIG = ["-wordNgrams 2 -epoch 10 -lr 0.5"]  # subword models cost too much time on ANT


def ft_files(work, task, data):
    rng = random.Random(SEED)
    paths = {}
    order = list(range(len(data["train"]["labels"])))
    rng.shuffle(order)
    p = os.path.join(work, task["name"] + ".train.txt")
    with open(p, "w", encoding="utf-8") as f:
        for i in order:
            f.write("__label__%s %s\n" % (data["train"]["labels"][i], ft_tokens(data["train"]["texts"][i])))
    paths["train"] = p
    for s in ("dev", "test"):
        p = os.path.join(work, "%s.%s.txt" % (task["name"], s))
        with open(p, "w", encoding="utf-8") as f:
            for t in data[s]["texts"]:
                f.write(ft_tokens(t) + "\n")
        paths[s] = p
    n = len(data["test"]["texts"])
    paths["rep"] = max(1, math.ceil(30000 / n))
    p = os.path.join(work, task["name"] + ".test-rep.txt")
    with open(paths["test"], encoding="utf-8") as f:
        body = f.read()
    with open(p, "w", encoding="utf-8") as f:
        for _ in range(paths["rep"]):
            f.write(body)
    paths["test_rep"] = p
    p = os.path.join(work, task["name"] + ".one.txt")
    with open(p, "w", encoding="utf-8") as f:
        f.write(body.split("\n", 1)[0] + "\n")
    paths["one"] = p
    return paths


def ft_predict(model, inp, outp):
    wall, rss = run_timed(["fasttext", "predict-prob", model, inp, "1"], outp)
    preds = []
    with open(outp, encoding="utf-8") as f:
        for line in f:
            lab = line.split(" ", 1)[0]
            preds.append(lab[len("__label__"):] if lab.startswith("__label__") else "")
    return preds, wall, rss


def ft_train(work, paths, name, args, threads):
    prefix = os.path.join(work, name)
    cmd = ["fasttext", "supervised", "-input", paths["train"], "-output", prefix,
           "-thread", str(threads), "-verbose", "0"] + args.split()
    wall, rss = run_timed(cmd)
    if os.path.exists(prefix + ".vec"):  # side output of the CLI, not part of the model
        os.remove(prefix + ".vec")
    return prefix + ".bin", wall, rss


def is_big(train, large_settings):
    """Whether a task gets the large-task settings: by its size, or always (--large-settings)."""
    return large_settings or len(train["labels"]) > BIG


def run_fasttext(task, data, labels, work, quick, threads, large_settings=False):
    paths = ft_files(work, task, data)
    favg = task["metric"] == "f_avg"
    dev, test = data["dev"], data["test"]
    big = is_big(data["train"], large_settings)
    thr = threads if big else 1
    cands = (FT_BIG if big else FT_SMALL)[:1 if quick else None]
    results = {}
    grid = []
    for i, args in enumerate([""] + cands):
        name = "ft%d" % i
        log("  fastText %s: train %r (thread %d)" % (task["name"], args or "defaults", thr))
        model, t_train, rss_train = ft_train(work, paths, name, args, thr)
        pred, _, _ = ft_predict(model, paths["dev"], os.path.join(work, name + ".dev.pred"))
        score = evaluate(dev["labels"], pred, labels, dev["targets"], favg)[task["metric"]]
        entry = dict(args=args or "(defaults)", dev_score=score, train_time_s=t_train,
                     peak_rss_train_bytes=rss_train, model=model)
        log("    dev %s=%.4f  train %.1fs" % (task["metric"], score, t_train))
        if i == 0:
            results["fasttext-default"] = entry
        else:
            grid.append(entry)
            best = max(grid, key=lambda e: e["dev_score"])  # first wins ties
            for e in grid:
                if e is not best and os.path.exists(e["model"]):
                    os.remove(e["model"])
    best = max(grid, key=lambda e: e["dev_score"])
    results["fasttext-tuned"] = dict(best, grid=[{k: e[k] for k in ("args", "dev_score", "train_time_s")} for e in grid])
    out = {}
    for sysname, e in results.items():
        model = e["model"]
        log("  fastText %s: test %s" % (task["name"], sysname))
        pred, t_single, rss_pred = ft_predict(model, paths["test"], os.path.join(work, "test.pred"))
        if len(pred) != len(test["labels"]):
            raise RuntimeError("fastText returned %d predictions for %d lines" % (len(pred), len(test["labels"])))
        t_load = min(ft_predict(model, paths["one"], os.path.join(work, "one.pred"))[1] for _ in range(2))
        _, t_rep, rss_rep = ft_predict(model, paths["test_rep"], os.path.join(work, "rep.pred"))
        n_rep = paths["rep"] * len(pred)
        res = dict(params=dict(args=e["args"], thread=thr),
                   dev=dict(metric=task["metric"], score=e["dev_score"]),
                   test=evaluate(test["labels"], pred, labels, test["targets"], favg),
                   train_time_s=e["train_time_s"],
                   predict=dict(n_sentences=n_rep, load_s=t_load,
                                throughput_sps=n_rep / max(t_rep - t_load, 1e-6),
                                throughput_incl_load_sps=len(pred) / t_single),
                   peak_rss_bytes=dict(train=e["peak_rss_train_bytes"], predict=max(rss_pred, rss_rep)),
                   model_size_bytes=os.path.getsize(model))
        if "grid" in e:
            res["dev"]["grid"] = e["grid"]
        out[sysname] = res
        os.remove(model)
    return out


# ------------------------------------------------------------ scikit-learn
SK_GRID = {"tfidf-lr": ([3, 10, 30, 100, 300], [1, 3]),      # (small tasks, large tasks)
           "tfidf-svm": ([0.1, 0.3, 1, 3, 10], [0.1, 0.3])}


def make_features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])


def make_clf(system, C):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC
    if system == "tfidf-lr":
        # liblinear dual (one-vs-rest): by far the fastest LR solver when n_features >> n_samples
        return LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=1000)
    return LinearSVC(C=C, max_iter=1000)


def sk_system(system, task, feats, Xtr, ytr, Xdv, dev, labels, grid, t_vec, work):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.pipeline import Pipeline
    favg = task["metric"] == "f_avg"
    rows, best = [], None
    for C in grid:
        clf = make_clf(system, C)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always", ConvergenceWarning)
            t0 = time.perf_counter()
            clf.fit(Xtr, ytr)
            t_fit = time.perf_counter() - t0
        score = evaluate(dev["labels"], clf.predict(Xdv), labels, dev["targets"], favg)[task["metric"]]
        conv = sum(1 for x in w if issubclass(x.category, ConvergenceWarning))
        rows.append(dict(C=C, dev_score=score, fit_time_s=t_fit, convergence_warnings=conv))
        log("    %s C=%g dev %s=%.4f fit %.1fs%s" % (system, C, task["metric"], score, t_fit,
                                                    " (not converged)" if conv else ""))
        if best is None or score > best[0]:
            best = (score, C, clf, t_fit)
    score, C, clf, t_fit = best
    pipe = Pipeline([("features", feats), ("clf", clf)])
    path = os.path.join(work, "%s.%s.pkl" % (task["name"], system))
    with open(path, "wb") as f:
        pickle.dump(pipe, f, protocol=pickle.HIGHEST_PROTOCOL)
    return dict(C=C, dev_score=score, grid=rows, train_time_s=t_vec + t_fit,
                vectorizer_fit_s=t_vec, clf_fit_s=t_fit, model=path)


def sk_task(task, data, labels, work, quick, large_settings=False):
    """Runs in a forked worker: fits the shared TF-IDF features once, then each
    classifier's C grid in its own forked worker (separate peak RSS)."""
    train, dev = data["train"], data["dev"]
    big = is_big(train, large_settings)
    feats = make_features()
    log("  sklearn %s: TF-IDF fit on %d texts" % (task["name"], len(train["texts"])))
    t0 = time.perf_counter()
    Xtr = feats.fit_transform(train["texts"])
    t_vec = time.perf_counter() - t0
    for _, v in feats.transformer_list:
        v.stop_words_ = None  # introspection only; huge when pickled
    rss_vec = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    log("    %d features, %d nnz, %.1fs" % (Xtr.shape[1], Xtr.nnz, t_vec))
    Xdv = feats.transform(dev["texts"])
    out = {}
    for system, (small_grid, big_grid) in SK_GRID.items():
        grid = big_grid if big else small_grid
        if quick:
            grid = grid[len(grid) // 2:len(grid) // 2 + 1]
        res, rss = in_fork(sk_system, system, task, feats, Xtr, train["labels"], Xdv, dev,
                           labels, grid, t_vec, work)
        res["peak_rss_train_bytes"] = max(rss, rss_vec)
        res["n_features"] = int(Xtr.shape[1])
        out[system] = res
    return out


def sk_predict_worker(model, texts_json, out_json):
    """Entry point of the fresh predict process (--_predict)."""
    t0 = time.perf_counter()
    with open(model, "rb") as f:
        pipe = pickle.load(f)
    t_load = time.perf_counter() - t0
    with open(texts_json, encoding="utf-8") as f:
        texts = json.load(f)
    passes, total, pred = 0, 0.0, None
    while passes < 1 or (total < 1.0 and passes < 20):
        t0 = time.perf_counter()
        pred = pipe.predict(texts)
        total += time.perf_counter() - t0
        passes += 1
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump(dict(pred=[str(p) for p in pred], load_s=t_load, passes=passes, predict_s=total,
                       peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024), f)


def run_sklearn(task, data, labels, work, quick, large_settings=False):
    res, _ = in_fork(sk_task, task, data, labels, work, quick, large_settings)
    test = data["test"]
    texts_json = os.path.join(work, task["name"] + ".test.json")
    with open(texts_json, "w", encoding="utf-8") as f:
        json.dump(test["texts"], f, ensure_ascii=False)
    out = {}
    for system, r in res.items():
        log("  sklearn %s: test %s (C=%g)" % (task["name"], system, r["C"]))
        pj = os.path.join(work, "pred.json")
        run_timed([sys.executable, os.path.abspath(__file__), "--_predict", r["model"], texts_json, pj])
        with open(pj, encoding="utf-8") as f:
            p = json.load(f)
        n = len(test["texts"])
        out[system] = dict(
            params=dict(C=r["C"], features="word 1-2 + char_wb 2-5 TF-IDF, sublinear_tf, min_df=2",
                        n_features=r["n_features"], classifier=repr(make_clf(system, r["C"]))),
            dev=dict(metric=task["metric"], score=r["dev_score"], grid=r["grid"]),
            test=evaluate(test["labels"], p["pred"], labels, test["targets"], task["metric"] == "f_avg"),
            train_time_s=r["train_time_s"],
            train_time_detail=dict(vectorizer_fit_s=r["vectorizer_fit_s"], clf_fit_s=r["clf_fit_s"]),
            predict=dict(n_sentences=n * p["passes"], load_s=p["load_s"],
                         throughput_sps=n * p["passes"] / max(p["predict_s"], 1e-9)),
            peak_rss_bytes=dict(train=r["peak_rss_train_bytes"], predict=p["peak_rss_bytes"]),
            model_size_bytes=os.path.getsize(r["model"]))
        os.remove(r["model"])
    return out


# ------------------------------------------------------------ report
ORDER = ["fasttext-default", "fasttext-tuned", "tfidf-lr", "tfidf-svm"]


def table(tname, t):
    labels = t["labels"]
    favg = t["metric"] == "f_avg"
    hdr = ["system", "setting", "dev " + t["metric"], "acc", "macro-F1"]
    if favg:
        hdr += ["F_avg", "F_avg pooled"]
    hdr += ["F1 " + l for l in labels] + ["train s", "pred sent/s", "peak RSS MB (train/pred)", "model MB"]
    lines = ["### %s  (train %d / dev %d / test %d)" % (tname, t["n"]["train"], t["n"]["dev"], t["n"]["test"]), "",
             "| " + " | ".join(hdr) + " |", "|" + "---|" * 2 + "---:|" * (len(hdr) - 2)]
    for s in ORDER:
        if s not in t["systems"]:
            continue
        r = t["systems"][s]
        setting = ("C=%g" % r["params"]["C"]) if "C" in r["params"] else r["params"]["args"]
        ts = r["test"]
        row = [s, setting, "%.4f" % r["dev"]["score"], "%.4f" % ts["accuracy"], "%.4f" % ts["macro_f1"]]
        if favg:
            row += ["%.4f" % ts["f_avg"], "%.4f" % ts["f_avg_pooled"]]
        row += ["%.4f" % ts["per_class_f1"][l] for l in labels]
        row += ["%.1f" % r["train_time_s"], "%.0f" % r["predict"]["throughput_sps"],
                "%.0f / %.0f" % (r["peak_rss_bytes"]["train"] / 2 ** 20, r["peak_rss_bytes"]["predict"] / 2 ** 20),
                "%.1f" % (r["model_size_bytes"] / 1e6)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def environment(threads):
    import numpy
    import scipy
    import sklearn
    try:
        ftv = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "fasttext"],
                             capture_output=True, text=True).stdout.strip()
    except OSError:
        ftv = "?"
    return dict(python=platform.python_version(), sklearn=sklearn.__version__, numpy=numpy.__version__,
                scipy=scipy.__version__, fasttext_deb=ftv, cpus=os.cpu_count(), fasttext_threads_large=threads,
                machine=platform.machine(), loadavg_start=os.getloadavg())


def pick_workdir(opt):
    if opt:
        os.makedirs(opt, exist_ok=True)
        return tempfile.mkdtemp(prefix="bench-peers-", dir=opt)
    for d in ("/dev/shm", tempfile.gettempdir()):
        try:
            st = os.statvfs(d)
            if os.access(d, os.W_OK) and st.f_bavail * st.f_frsize > 6 * 2 ** 30:
                return tempfile.mkdtemp(prefix="bench-peers-", dir=d)
        except OSError:
            pass
    return tempfile.mkdtemp(prefix="bench-peers-")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--_predict":
        warnings.filterwarnings("ignore")
        return sk_predict_worker(*sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(REPO, "target", "bench-data"),
                    help="output dir of prepare_data.py")
    ap.add_argument("--iraq", default=os.path.join(REPO, "datasets", "iraq-presence"))
    ap.add_argument("--out", default=os.path.join(REPO, "target", "bench-results", "peers.json"))
    ap.add_argument("--tasks", default="mawqif-stance,iraq-stance,iraq-topic,ant-topic")
    ap.add_argument("--systems", default="fasttext,sklearn", help="fasttext,sklearn")
    ap.add_argument("--quick", action="store_true", help="no dev grid: one setting per system (smoke test)")
    ap.add_argument("--large-settings", action="store_true",
                    help="the large-task settings whatever the size (scaling study: one setting at every size)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                    help="fastText threads for large tasks (small tasks use 1 thread: deterministic)")
    ap.add_argument("--workdir", default=None, help="temp dir parent (default /dev/shm if roomy, else /tmp)")
    ap.add_argument("--keep-workdir", action="store_true")
    a = ap.parse_args()
    warnings.filterwarnings("ignore", category=FutureWarning)

    t_start = time.perf_counter()
    if shutil.which("fasttext") is None and "fasttext" in a.systems:
        sys.exit("fasttext CLI not found: apt-get install -y fasttext")
    tasks = {t["name"]: t for t in task_table(a.data, a.iraq)}
    wanted = [x.strip() for x in a.tasks.split(",") if x.strip()]
    for w in wanted:
        if w not in tasks:
            sys.exit("unknown task %s (known: %s)" % (w, ", ".join(tasks)))
    work = pick_workdir(a.workdir)
    log("work dir", work)
    report = dict(generated=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                  seed=SEED, normalisation=NORMALISATION, environment=environment(a.threads),
                  quick=a.quick, tasks={}, skipped={})
    print("# Peer baselines (seed %d%s)\n" % (SEED, ", QUICK: no dev grid" if a.quick else ""))
    print("Text normalisation: " + NORMALISATION + "\n")
    try:
        for name in wanted:
            task = tasks[name]
            files = [os.path.join(task["dir"], s + ".csv") for s in ("train", "dev", "test")]
            missing = [f for f in files if not os.path.isfile(f)]
            if missing:
                log("skip %s: missing %s" % (name, ", ".join(missing)))
                report["skipped"][name] = "missing " + ", ".join(missing)
                continue
            t_task = time.perf_counter()
            log("task %s" % name)
            data = {s: load_split(f, task) for s, f in zip(("train", "dev", "test"), files)}
            labels = sorted(set(data["train"]["labels"]) | set(data["dev"]["labels"]) | set(data["test"]["labels"]))
            systems = {}
            if "fasttext" in a.systems:
                systems.update(run_fasttext(task, data, labels, work, a.quick, a.threads, a.large_settings))
            if "sklearn" in a.systems:
                systems.update(run_sklearn(task, data, labels, work, a.quick, a.large_settings))
            t = dict(files=files, label_column=task["label"], labels=labels, metric=task["metric"],
                     input=("target_<target> + text" if task["prepend_target"] else "text"),
                     n={s: len(data[s]["labels"]) for s in data},
                     rows_skipped_no_label={s: data[s]["skipped"] for s in data},
                     systems=systems, wall_time_s=time.perf_counter() - t_task)
            report["tasks"][name] = t
            print(table(name, t) + "\n", flush=True)
            log("task %s done in %.0fs" % (name, t["wall_time_s"]))
    finally:
        if not a.keep_workdir:
            shutil.rmtree(work, ignore_errors=True)
    report["wall_time_s"] = time.perf_counter() - t_start
    report["environment"]["loadavg_end"] = os.getloadavg()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    print("F_avg = mean of F1(favor), F1(against) per target, averaged over targets (StanceEval); "
          "pooled = same over all test rows. dev column = selection metric on dev. "
          "pred sent/s excludes model load. Load average at start %s, end %s (1/5/15 min, %d CPUs)."
          % ("/".join("%.1f" % x for x in report["environment"]["loadavg_start"]),
             "/".join("%.1f" % x for x in report["environment"]["loadavg_end"]), os.cpu_count() or 0))
    print("\nTotal wall time %.0f s; JSON: %s" % (report["wall_time_s"], a.out))


if __name__ == "__main__":
    main()
