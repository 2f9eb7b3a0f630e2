#!/usr/bin/env python3
"""Does `stance suggest` pick better sentences to label than chance? A simulated annotation loop.

For each seed: the training split's articles are shuffled; half of them start labeled, the other
half form the pool. Each round trains a model (default settings, the shipped word vectors) on the
labeled sentences, evaluates it on the fixed test split (never used otherwise), then adds N pool
sentences to the labeled set, with the labels they already have: chosen by `stance suggest`
(strategy "suggest") or at random (strategy "random"). Both strategies start from the same half.

    python3 bench/active_learning.py [--seeds 1 2 3] [--rounds 3] [-n 150]

Writes bench/results/active-learning.json and prints a Markdown table (mean and spread over seeds).
Needs the built CLI (bin/stance).
"""
import argparse, csv, json, os, random, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "datasets", "iraq-presence")
COLUMNS = ["article_id", "sentence_id", "source", "target", "stance", "topic", "text"]


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def stance(*args):
    p = subprocess.run([os.path.join(ROOT, "bin", "stance"), *map(str, args)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bin/stance {' '.join(map(str, args))} failed:\n{p.stderr}")
    return p.stdout


def evaluate(work, labeled, tag):
    train = os.path.join(work, f"{tag}-train.csv")
    model = os.path.join(work, f"{tag}.zip")
    write(train, labeled)
    stance("train", train, "--dev", os.path.join(DATA, "dev.csv"), "--labels", "iraq-presence",
           "--embeddings", os.path.join(ROOT, "models", "iraq-presence.zip"), "-o", model)
    m = json.loads(stance("evaluate", "-m", model, os.path.join(DATA, "test.csv"), "--json"))["stance"]
    f1 = {c["label"]: c["f1"] for c in m["perClass"]}
    return model, {"macroF1": m["macroF1"], "f1": f1, "sentences": len(labeled),
                   "positioned": sum(r["stance"] != "neutral" for r in labeled),
                   "skeptical": sum(r["stance"] == "skeptical" for r in labeled)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("-n", type=int, default=150)
    args = ap.parse_args()
    rows = read(os.path.join(DATA, "train.csv"))
    results = {"n": args.n, "rounds": args.rounds, "seeds": args.seeds, "runs": []}
    with tempfile.TemporaryDirectory() as work:
        for seed in args.seeds:
            articles = sorted({r["article_id"] for r in rows})
            random.Random(seed).shuffle(articles)
            start = set(articles[: len(articles) // 2])
            first = [r for r in rows if r["article_id"] in start]
            model0, m0 = evaluate(work, first, f"s{seed}-r0")
            print(f"seed {seed} round 0: {m0['sentences']} sentences, stance macro-F1 {m0['macroF1']:.4f}", file=sys.stderr)
            for strategy in ("suggest", "random"):
                labeled = list(first)
                pool = [r for r in rows if r["article_id"] not in start]
                curve = [m0]
                model = model0
                rng = random.Random(seed * 100 + 7)
                for rnd in range(1, args.rounds + 1):
                    if strategy == "random":
                        picked_idx = set(rng.sample(range(len(pool)), min(args.n, len(pool))))
                    else:
                        pool_csv = os.path.join(work, "pool.csv")
                        labeled_csv = os.path.join(work, "labeled.csv")
                        write(pool_csv, pool)
                        write(labeled_csv, labeled)
                        out = stance("suggest", "-m", model, "--prepared", pool_csv, "-n", args.n, "--exclude", labeled_csv)
                        chosen = {(r["article_id"], r["sentence_id"]) for r in csv.DictReader(out.splitlines())}
                        picked_idx = {i for i, r in enumerate(pool) if (r["article_id"], r["sentence_id"]) in chosen}
                    labeled += [pool[i] for i in sorted(picked_idx)]
                    pool = [r for i, r in enumerate(pool) if i not in picked_idx]
                    model, m = evaluate(work, labeled, f"s{seed}-{strategy}-r{rnd}")
                    curve.append(m)
                    print(f"seed {seed} {strategy} round {rnd}: {m['sentences']} sentences ({m['positioned']} with a position, "
                          f"{m['skeptical']} skeptical), stance macro-F1 {m['macroF1']:.4f}", file=sys.stderr)
                results["runs"].append({"seed": seed, "strategy": strategy, "curve": curve})
    out = os.path.join(ROOT, "bench", "results", "active-learning.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
    print(f"| round | added | suggest: test stance macro-F1 | random: test stance macro-F1 | suggest: positioned added | random: positioned added |")
    print("|---|---|---|---|---|---|")
    for rnd in range(args.rounds + 1):
        cells = []
        for key in ("macroF1", "positioned"):
            for strategy in ("suggest", "random"):
                vals = [r["curve"][rnd][key] for r in results["runs"] if r["strategy"] == strategy]
                base = [r["curve"][0][key] for r in results["runs"] if r["strategy"] == strategy]
                if key == "macroF1":
                    sd = statistics.stdev(vals) if len(vals) > 1 else 0
                    cells.append(f"{statistics.mean(vals):.4f} ± {sd:.4f}")
                else:
                    cells.append(f"{statistics.mean(v - b for v, b in zip(vals, base)):.0f}")
        print(f"| {rnd} | {rnd * args.n} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")


if __name__ == "__main__":
    main()
