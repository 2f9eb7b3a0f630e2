#!/usr/bin/python3
"""Prepare the peer-benchmark splits (Mawqif stance, ANT topic) in the project's
dataset schema:  article_id,sentence_id,target,stance,topic,text

Deterministic (seed 13).  Reads the shared benchmark files read-only and writes
the splits under an output directory (default: <repo>/target/bench-data/).
Nothing is written into the tracked tree.

    /usr/bin/python3 bench/prepare_data.py [--out DIR] [--shared DIR] [--seed 13]

Outputs
  mawqif/train.csv  Mawqif train minus dev
  mawqif/dev.csv    15% of Mawqif train, stratified by (target, stance)
  mawqif/test.csv   official Mawqif test, untouched (same rows, same order)
  ant/{train,dev,test}.csv  cleaned ANT v2.1, stratified 80/10/10 by label
Rows of the seeded splits are written in a seeded random order (never grouped
by label).  Files: UTF-8 without BOM, csv-module (RFC 4180) quoting, LF line ends.
The iraq-presence dataset (datasets/iraq-presence/) is already in the schema and
is read directly by baselines.py.
"""
import argparse
import collections
import csv
import os
import random
import re
import sys

HEADER = ["article_id", "sentence_id", "target", "stance", "topic", "text"]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WS = re.compile(r"\s+")
NL = re.compile(r"[\r\n\u2028\u2029\u0085]+")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def write_split(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([r[k] for k in HEADER])


def stratified_split(rows, key, fractions, rng):
    """Split rows into len(fractions)+1 parts; fractions are for the first parts,
    the remainder goes to the last.  Per stratum: rows in input order, shuffled
    with the seeded rng, then cut by round(fraction * n)."""
    strata = collections.OrderedDict()
    for r in rows:
        strata.setdefault(key(r), []).append(r)
    parts = [[] for _ in range(len(fractions) + 1)]
    for k in sorted(strata):
        items = strata[k][:]
        rng.shuffle(items)
        start = 0
        for i, fr in enumerate(fractions):
            n = int(round(fr * len(items)))
            parts[i].extend(items[start:start + n])
            start += n
        parts[-1].extend(items[start:])
    return parts


def norm_target(t):
    return "_".join(t.strip().lower().split())


# ---------------------------------------------------------------- Mawqif
ARABIC = re.compile("[\u0621-\u064A]")


def read_mawqif(path):
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if not ARABIC.search(r["text"]):
                # e.g. one train row is the spreadsheet error "#NAME?": no text to classify
                print("mawqif: dropped row %s of %s: no Arabic letter in %r" % (r["ID"], path, r["text"][:30]), file=sys.stderr)
                continue
            stance = r["stance"].strip().lower()
            if stance not in ("favor", "against", "none"):
                raise SystemExit("unexpected stance %r in %s" % (r["stance"], path))
            out.append({
                "article_id": "mawqif-" + r["ID"].strip(),
                "sentence_id": 1,
                "target": norm_target(r["target"]),
                "stance": stance,
                "topic": "",
                "text": NL.sub(" ", r["text"]).strip(),
            })
    return out


def prepare_mawqif(src, out, seed):
    train = read_mawqif(os.path.join(src, "train.csv"))
    test = read_mawqif(os.path.join(src, "test.csv"))
    ids = [r["article_id"] for r in train + test]
    if len(ids) != len(set(ids)):
        raise SystemExit("Mawqif IDs are not unique")
    rng = random.Random(seed)
    dev, train = stratified_split(train, lambda r: (r["target"], r["stance"]), [0.15], rng)
    # stratified_split groups rows by stratum; shuffle (seeded) so that no file
    # is ordered by label (order-sensitive SGD learners such as fastText suffer)
    rng.shuffle(train)
    rng.shuffle(dev)
    splits = {"train": train, "dev": dev, "test": test}
    for name, rows in splits.items():
        write_split(os.path.join(out, "mawqif", name + ".csv"), rows)
    return splits


def held_out_ids(shared):
    """Documents kept for evaluation (SHARED/corpus/HELD-OUT.tsv): never trained or tuned on, so left out of every split."""
    path = os.path.join(shared, "corpus", "HELD-OUT.tsv")
    if not os.path.exists(path):
        raise SystemExit("missing %s: the held-out list must be known before any split is written" % path)
    with open(path, encoding="utf-8") as f:
        return {line.split("\t", 1)[0].strip() for line in list(f)[1:] if line.strip()}


# ---------------------------------------------------------------- ANT
def prepare_ant(path, out, seed, held_out, min_words=20):
    csv.field_size_limit(1 << 30)
    raw = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quotechar='"'):
            title = WS.sub(" ", r["title"] or "").strip()
            body = WS.sub(" ", r["text"] or "").strip()
            raw.append({
                "article_id": r["docno"].strip(),
                "sentence_id": 1,
                "target": "",
                "stance": "",
                "topic": r["label"].strip(),
                "text": title + " . " + body,
                "_words": len(title.split()) + len(body.split()),
            })
    stats = collections.Counter(read=len(raw))
    stats["dropped_held_out"] = sum(1 for r in raw if r["article_id"] in held_out)
    raw = [r for r in raw if r["article_id"] not in held_out]
    by_text = collections.OrderedDict()
    for r in raw:
        by_text.setdefault(r["text"], []).append(r)
    kept = []
    for text, group in by_text.items():
        if len({g["topic"] for g in group}) > 1:
            stats["dropped_conflicting_label_rows"] += len(group)
            stats["dropped_conflicting_label_texts"] += 1
            continue
        stats["dropped_exact_duplicates"] += len(group) - 1
        r = group[0]
        if r["_words"] < min_words:
            stats["dropped_near_empty(<%d words)" % min_words] += 1
            continue
        kept.append(r)
    stats["kept"] = len(kept)
    ids = [r["article_id"] for r in kept]
    if len(ids) != len(set(ids)):
        raise SystemExit("ANT docno not unique after cleaning")
    rng = random.Random(seed)
    test, dev, train = stratified_split(kept, lambda r: r["topic"], [0.10, 0.10], rng)
    splits = {"train": train, "dev": dev, "test": test}
    for name, rows in splits.items():
        rng.shuffle(rows)  # docno encodes the label: never leave a split sorted
        write_split(os.path.join(out, "ant", name + ".csv"), rows)
    return splits, stats


def print_counts(task, splits, label_key):
    labels = sorted({r[label_key] for rows in splits.values() for r in rows})
    extra = ["target"] if task == "mawqif" else []
    print("\n### %s (label column: %s)\n" % (task, label_key))
    print("| split | n | " + " | ".join(labels) + " |")
    print("|---|---:|" + "---:|" * len(labels))
    for name in ("train", "dev", "test"):
        c = collections.Counter(r[label_key] for r in splits[name])
        print("| %s | %d | %s |" % (name, len(splits[name]), " | ".join(str(c[l]) for l in labels)))
    for k in extra:
        tv = sorted({r[k] for rows in splits.values() for r in rows})
        print("\n| split | " + " | ".join("%s %s" % (t, s) for t in tv for s in labels) + " |")
        print("|---|" + "---:|" * (len(tv) * len(labels)))
        for name in ("train", "dev", "test"):
            c = collections.Counter((r[k], r[label_key]) for r in splits[name])
            print("| %s | %s |" % (name, " | ".join(str(c[(t, s)]) for t in tv for s in labels)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(REPO, "target", "bench-data"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"),
                    help="shared data dir (default: ../shared next to the repo)")
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    if not os.path.isdir(a.shared) and os.path.isdir("/work/shared"):
        a.shared = "/work/shared"
    mq = os.path.join(a.shared, "benchmarks", "mawqif")
    ant = os.path.join(a.shared, "benchmarks", "ant-topic", "ant_v2.1_multisource.tsv")

    print("# bench data  (seed %d, out %s)" % (a.seed, a.out))
    if os.path.isdir(mq):
        log("preparing Mawqif from", mq)
        print_counts("mawqif", prepare_mawqif(mq, a.out, a.seed), "stance")
    else:
        log("Mawqif not found at", mq, "- skipped")
    if os.path.isfile(ant):
        log("preparing ANT from", ant)
        splits, stats = prepare_ant(ant, a.out, a.seed, held_out_ids(a.shared))
        print("\nANT cleaning: " + ", ".join("%s=%d" % kv for kv in stats.items()))
        print_counts("ant", splits, "topic")
    else:
        log("ANT not found at", ant, "- skipped")
    iraq = os.path.join(REPO, "datasets", "iraq-presence")
    have = [s for s in ("train", "dev", "test") if os.path.isfile(os.path.join(iraq, s + ".csv"))]
    print("\niraq-presence: %s" % ("read directly from %s (%s)" % (iraq, ",".join(have)) if have
                                   else "not present yet (datasets/iraq-presence/{train,dev,test}.csv)"))


if __name__ == "__main__":
    main()
