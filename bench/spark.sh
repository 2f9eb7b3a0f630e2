#!/usr/bin/env bash
# Spark job against the CLI on the same articles, in one run:
#   bench/spark.sh [N]    (N SaudiNewsNet articles, default 3000; the corpus comes without the held-out ones)
# Writes target/bench-results/spark/ and prints a Markdown table (docs/PERFORMANCE.md has the last one).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jar.sh
n="${1:-3000}"
out=target/bench-results/spark; data=target/bench-data/spark-articles
rm -rf "$out" "$data"; mkdir -p "$out" "$data"
[[ -f src/spark/target/stance-spark.jar ]] || mvn -B -q -DskipTests -pl src/spark -am package
python3 - "$n" "$data" <<'PY'
import gzip, json, sys
n, data = int(sys.argv[1]), sys.argv[2]
k = 0
for line in gzip.open("../shared/corpus/saudinewsnet/saudinewsnet.jsonl.gz", "rt", encoding="utf-8"):
    a = json.loads(line)
    if len(a["text"]) < 200:
        continue
    open(f"{data}/{a['doc_id']}.txt", "w", encoding="utf-8").write(a["title"] + "\n\n" + a["text"])
    k += 1
    if k == n:
        break
print(f"{k} articles", file=sys.stderr)
PY
# The CLI refuses a run with an article it cannot score (empty, no Arabic sentence): leave such articles out,
# so that both systems score the same complete set.
for _ in $(seq 1 200); do
  if bin/stance score "$data" --format jsonl -o "$out/cli.jsonl" 2> "$out/stderr.txt"; then break; fi
  bad=$(sed -n 's/^stance: error: \([^:]*\.txt\): .*/\1/p' "$out/stderr.txt")
  [[ -n "$bad" && -f "$bad" ]] || { cat "$out/stderr.txt" >&2; exit 1; }
  rm -f "$bad"
done
n=$(ls "$data" | wc -l)
wall() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2> "$out/stderr.txt"; cat "$out/time.txt"; }
read -r cli_s cli_kb < <(wall bin/stance score "$data" --format jsonl -o "$out/cli.jsonl")
read -r sp_s sp_kb < <(wall bin/stance-spark score --model models/iraq-presence.zip --input "$data" --output "$out/spark" --master 'local[2]')
cli_n=$(grep -c '"type":"sentence"' "$out/cli.jsonl")
sp_n=$(cat "$out"/spark/part-* | grep -c '"type":"sentence"')
sp_a=$(cat "$out"/spark/part-* | grep -c '"type":"article"')
python3 - "$n" "$cli_s" "$cli_n" "$sp_s" "$sp_n" "$sp_a" "$cli_kb" "$sp_kb" <<'PY'
import sys
n, cli_s, cli_n, sp_s, sp_n, sp_a, cli_kb, sp_kb = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), *map(int, sys.argv[5:9])
print(f"\n| {n:,} SaudiNewsNet articles, 2 cores | wall s | sentences | sentences/s | peak RSS |")
print("|---|---|---|---|---|")
print(f"| `bin/stance score DIR --format jsonl` | {cli_s:.1f} | {cli_n:,} | {cli_n/cli_s:,.0f} | {cli_kb/1024:.0f} MB |")
print(f"| `bin/stance-spark score --master local[2]` | {sp_s:.1f} | {sp_n:,} ({sp_a:,} verdicts) | {sp_n/sp_s:,.0f} | {sp_kb/1024:.0f} MB |")
print(f"\nSpark against the CLI: {sp_n/sp_s/(cli_n/cli_s):.2f}x its sentences/s; complete output: {'yes' if sp_n == cli_n and sp_a == n else 'NO'}.")
PY
