#!/usr/bin/env bash
# Where the whole process spends its CPU: `perf record` (frame pointers, the JIT's symbol map) of
#   bin/stance score --sentences   on the dataset's sentences x REPEAT (default 10), JSON lines out
#   bin/stance score DIR           on the SaudiNewsNet articles bench/spark.sh prepared (if present)
# and each sample put in a part (bench/perf_parts.py): scoring, normalisation, segmentation, input,
# record building, output, model load, JIT, GC, other. Needs perf (Debian: linux-perf) and python3.
#   bench/profile.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "bench/profile.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
repeat="${1:-10}"
out=target/bench-results/profile; mkdir -p "$out"
python3 - "$repeat" "$out" <<'PY'
import csv, sys
repeat, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open("datasets/iraq-presence/sentences.csv", encoding="utf-8")))
texts = [" ".join(r["text"].split()) for r in rows]
open(f"{out}/sentences.txt", "w", encoding="utf-8").write("\n".join(texts * repeat) + "\n")
PY
opts="-Xmx8g -Xmn128m -XX:TieredStopAtLevel=1 -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit"
bin/stance score --sentences "$out/sentences.txt" --format jsonl > /dev/null 2>&1 # the class-data archive, as a user's first run
profile() { # NAME ARGS...: one profiled run, its parts printed
  local name=$1; shift
  STANCE_JAVA_OPTS="$opts" perf record -F 1999 -g -o "$out/$name.data" bin/stance score "$@" --format jsonl -o "$out/$name.jsonl" 2> "$out/$name.err"
  echo "== $name (load $(cut -d' ' -f1 /proc/loadavg))"
  perf script -i "$out/$name.data" -F comm,tid,ip,sym 2>/dev/null | python3 bench/perf_parts.py
}
profile sentences --sentences "$out/sentences.txt"
articles=target/bench-data/spark-articles
if [[ -d "$articles" ]]; then
  profile articles "$articles"
else
  echo "(no $articles: run bench/spark.sh first for the articles' profile)"
fi
