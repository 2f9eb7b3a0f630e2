#!/usr/bin/env bash
# Scaling study: training time and peak memory on 1k, 5k, 15k and all ANT training documents
# (same dev and test each time), for this project and the peers (one setting each, their large-task one:
# --quick --large-settings). "all" reuses the ANT figures of bench/run.sh when it has them.
#   bench/scaling.sh [SIZES...]     default: 1000 5000 15000 all
# Needs target/bench-data/ant from bench/prepare_data.py. Appends Markdown to target/bench-results/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3
export OMP_NUM_THREADS=1
# (re)build the jar when it is missing or older than the sources
source bench/jar.sh
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000 15000 all)
out=target/bench-results/scaling; mkdir -p "$out"
rows=()
for n in "${sizes[@]}"; do
  if [[ $n == all ]] && grep -q '"ant-topic"' target/bench-results/ours.jsonl 2>/dev/null \
      && grep -q '"ant-topic"' target/bench-results/peers.json 2>/dev/null; then
    rows+=("$n"); echo "scaling: all = the ANT run of bench/run.sh" >&2; continue  # already measured, tuned on dev
  fi
  d=target/bench-data/ant-$n/ant; mkdir -p "$d"
  cp target/bench-data/ant/dev.csv target/bench-data/ant/test.csv "$d/"
  if [[ $n == all ]]; then cp target/bench-data/ant/train.csv "$d/"; else
    # the train file is already shuffled (seed 13): its first n documents are a random sample
    $py - "$n" target/bench-data/ant/train.csv "$d/train.csv" <<'PY'
import csv, sys
n, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
csv.field_size_limit(1 << 30)
with open(src, encoding="utf-8", newline="") as f, open(dst, "w", encoding="utf-8", newline="") as g:
    r = csv.reader(f); w = csv.writer(g); w.writerow(next(r))
    for i, row in enumerate(r):
        if i == n: break
        w.writerow(row)
PY
  fi
  /usr/bin/time -v -o "$out/$n.time" java -Xmx8g -jar "$JAR" train "$d/train.csv" --dev "$d/dev.csv" --task topic \
      --embeddings models/iraq-presence.zip --epochs 12 -o "$out/$n.zip" > /dev/null 2> "$out/$n.log"
  java -jar "$JAR" evaluate -m "$out/$n.zip" "$d/test.csv" --json > "$out/$n.test.json" 2>/dev/null
  $py bench/baselines.py --data "target/bench-data/ant-$n" --tasks ant-topic --quick --large-settings --out "$out/$n.peers.json" > /dev/null
  rows+=("$n")
  echo "scaling: $n done" >&2
done
$py - "$out" "${rows[@]}" <<'PY' | tee -a target/bench-results/report.md
import json, sys
sys.path.insert(0, "bench")
from report import wall_rss
out, sizes = sys.argv[1], sys.argv[2:]

print("\n## Scaling on ANT topic (`bench/scaling.sh`)\n")
print("Training time (s) and peak RSS (MB) by number of training documents; test macro-F1 in brackets. "
      "One setting per system at every size (this project: defaults, L2 1e-4; peers: their large-task setting, "
      "`baselines.py --quick --large-settings`); the `all` row is the tuned run above.\n")
print("| train docs | this project | fasttext-tuned | tfidf-lr | tfidf-svm |")
print("|---|---|---|---|---|")
for n in sizes:
    if n == "all":
        o = [json.loads(l) for l in open("target/bench-results/ours.jsonl") if '"ant-topic"' in l][0]
        secs, rss, f1 = o["train_time_s"], o["peak_rss_train_mb"], o["macro_f1"]
        peers = json.load(open("target/bench-results/peers.json"))["tasks"]["ant-topic"]
    else:
        secs, rss = wall_rss("%s/%s.time" % (out, n))
        f1 = json.load(open("%s/%s.test.json" % (out, n)))["topic"]["macroF1"]
        peers = json.load(open("%s/%s.peers.json" % (out, n)))["tasks"]["ant-topic"]
    cells = []
    for s in ("fasttext-tuned", "tfidf-lr", "tfidf-svm"):
        r = peers["systems"][s]
        cells.append("%.1f s, %.0f MB (%.3f)" % (r["train_time_s"], r["peak_rss_bytes"]["train"] / 2 ** 20, r["test"]["macro_f1"]))
    print("| %s (%d) | %.1f s, %.0f MB (%.3f) | %s |" % (n, peers["n"]["train"], secs, rss, f1, " | ".join(cells)))
PY
