#!/usr/bin/env bash
# The quantized shipped model against the full one: size, and stance/topic macro-F1 on the fixed
# 2015-2018 test split and in article-grouped 5-fold cross-validation (every fold's model quantized
# with the same defaults and retrained on its fold), in one run. The shipped model must be trained on
# the current train.csv (--retrain refits it on that file).
#   bench/quantize.sh            (about 10 minutes on 2 cores)
# Prints a Markdown table; README and docs/PERFORMANCE.md hold the one from the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jar.sh
out=target/bench-results/quantize; mkdir -p "$out"
full=models/iraq-presence.zip
stance() { java -jar "$JAR" "$@"; }

stance quantize "$full" -o "$out/small.zip" --retrain datasets/iraq-presence/train.csv --evaluate datasets/iraq-presence/test.csv > "$out/split.txt" 2> "$out/quantize.err"
for mode in full quantized; do
  flag=(); [ "$mode" = quantized ] && flag=(--quantize)
  stance cross-validate datasets/iraq-presence/sentences.csv -k 5 --labels iraq-presence --json "${flag[@]}" > "$out/cv-$mode.json" 2> /dev/null
done
python3 - "$out" "$full" <<'PY'
import json, os, re, sys
out, full = sys.argv[1], sys.argv[2]
split = {l.split()[0]: l.split() for l in open(f"{out}/split.txt", encoding="utf-8") if re.match(r"(stance|topic)\s", l)}
cv = {m: json.load(open(f"{out}/cv-{m}.json")) for m in ("full", "quantized")}
size = lambda p: os.path.getsize(p) / 1e6
print("| | full | quantized | change |\n|---|---|---|---|")
print(f"| file size (MB) | {size(full):.2f} | {size(out + '/small.zip'):.2f} | {size(out + '/small.zip') / size(full):.2f}x |")
for task in ("stance", "topic"):
    b, a = float(split[task][1]), float(split[task][2])
    print(f"| {task} macro-F1, fixed test split (781 sentences) | {b:.4f} | {a:.4f} | {a - b:+.4f} |")
for task in ("stance", "topic"):
    b, a = cv["full"]["pooled"][task]["macroF1"], cv["quantized"]["pooled"][task]["macroF1"]
    print(f"| {task} macro-F1, grouped 5-fold CV, pooled (real test folds) | {b:.4f} | {a:.4f} | {a - b:+.4f} |")
PY
