#!/usr/bin/env bash
# Spark job against the CLI on the same articles, in one run:
#   bench/spark.sh [N]    (N SaudiNewsNet articles, default 3000; the corpus comes without the held-out ones)
# Writes target/bench-results/spark/ and prints a Markdown table (docs/PERFORMANCE.md has the last one):
# the CLI and Spark in ROUNDS (default 3) alternating runs on all the articles and on one (start-up),
# and the CLI on the same articles' sentences as lines (--sentences): what an article costs beyond its sentences.
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
# The articles' sentences, one a line, as the CLI segmented them: the same text scored without articles.
python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["type"] == "sentence":
        print(r["text"])' "$out/cli.jsonl" > "$out/sentences.txt"
one="$out/one-article"; rm -rf "$one"; mkdir -p "$one"; cp "$(ls -d "$data"/* | head -1)" "$one/"
# run NAME CMD...: one timed run, "NAME wall-s cpu-s peak-KB load1" appended to runs.txt (load read just before it).
run() {
  local name=$1 load; shift; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" > /dev/null 2> "$out/stderr.txt" \
    || { echo "bench/spark.sh: the $name run failed:" >&2; cat "$out/stderr.txt" >&2; exit 1; }
  awk -v n="$name" -v l="$load" '{printf "%s %s %.2f %s %s\n", n, $1, $2 + $3, $4, l}' "$out/time.txt" >> "$out/runs.txt"
}
# spark INPUT: the Spark job on INPUT into $out/spark (a script, so that /usr/bin/time can run it)
printf '#!/usr/bin/env bash\nexec bin/stance-spark score --model models/iraq-presence.zip --input "$1" --output "%s/spark" --master "local[2]"\n' \
  "$out" > "$out/spark-run"
chmod +x "$out/spark-run"
spark() { rm -rf "$out/spark"; "$out/spark-run" "$@"; }
# A first Spark run records the launcher's class-data archive (as a user's first run does): not timed.
spark "$one" > /dev/null 2> "$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }
: > "$out/runs.txt"
# Alternating rounds (ROUNDS, default 3): the CLI and Spark on one article (start-up), then on all of them (the
# last round's outputs are the ones compared below).
for i in $(seq "${ROUNDS:-3}"); do
  run cli1 bin/stance score "$one" --format jsonl
  rm -rf "$out/spark"; run spark1 "$out/spark-run" "$one"
  run cli bin/stance score "$data" --format jsonl -o "$out/cli.jsonl"
  run clis bin/stance score --sentences "$out/sentences.txt" --format jsonl -o "$out/clis.jsonl"
  rm -rf "$out/spark"; run spark "$out/spark-run" "$data"
done
cli_n=$(grep -c '"type":"sentence"' "$out/cli.jsonl")
sp_n=$(cat "$out"/spark/part-* | grep -c '"type":"sentence"')
sp_a=$(cat "$out"/spark/part-* | grep -c '"type":"article"')
python3 - "$n" "$cli_n" "$sp_n" "$sp_a" "$out/runs.txt" <<'PY'
import sys
sys.path.insert(0, "bench")
from timed_runs import Runs
n, cli_n, sp_n, sp_a, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), Runs(sys.argv[5])
med, loads = runs.med, runs.loads
span = lambda who, i: runs.span(who, i, 1)
k = runs.count("cli")
print(f"\n| {n:,} SaudiNewsNet articles, 2 cores, median of {k} alternating runs | wall s (range) | CPU-s (range) | sentences/s | peak RSS | load before runs |")
print("|---|---|---|---|---|---|")
for who, name in (("cli", "`bin/stance score DIR --format jsonl`"), ("spark", "`bin/stance-spark score --master local[2]`"),
                  ("clis", "`bin/stance score --sentences` on the same sentences, one a line"),
                  ("cli1", "the CLI on one article (start-up)"), ("spark1", "Spark on one article (start-up)")):
    rate = f"{cli_n / med(who, 0):,.0f}" if who in ("cli", "clis") else f"{sp_n / med(who, 0):,.0f}" if who == "spark" else ""
    print(f"| {name} | {med(who, 0):.1f} ({span(who, 0)}) | {med(who, 1):.1f} ({span(who, 1)}) | {rate} | {med(who, 2) / 1024:.0f} MB | {loads(who)} |")
ratio = sp_n / med("spark", 0) / (cli_n / med("cli", 0))
gap = med("spark", 0) - med("cli", 0)
startup = med("spark1", 0) - med("cli1", 0)
print(f"\nSpark against the CLI: {ratio:.2f}x its sentences/s ({sp_n:,} sentences, {sp_a:,} verdicts; complete output: "
      f"{'yes' if sp_n == cli_n and sp_a == n else 'NO'}). Of Spark's {gap:.1f} s more wall time, start-up (one article, Spark minus the CLI) "
      f"is {startup:.1f} s and the rest, {gap - startup:.1f} s, is per article: {med('spark', 0) - med('spark1', 0):.1f} s for the articles "
      f"against the CLI's {med('cli', 0) - med('cli1', 0):.1f} s ({med('spark', 1) - med('spark1', 1):.1f} against "
      f"{med('cli', 1) - med('cli1', 1):.1f} CPU-s).")
print(f"\nArticles against their sentences as lines (the CLI): {med('cli', 1) / med('clis', 1):.2f}x the CPU-seconds "
      f"({med('cli', 1):.2f} against {med('clis', 1):.2f}, medians; the same {cli_n:,} sentences).")
PY
