#!/usr/bin/env bash
# Scoring speed, whole process and in-process, next to fastText on the same sentences, in one run.
#   bench/scoring.sh [REPEAT]     (REPEAT copies of the labeled dataset's sentences; default 10)
# Needs: java, the fasttext Debian package, python3. Writes target/bench-results/scoring/*.txt and
# prints a Markdown table (docs/PERFORMANCE.md holds the one from the last run): wall and CPU-seconds
# of ours and tuned fastText in alternating runs (ROUNDS=5 of each), each with the load average before
# it. Run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jar.sh
repeat="${1:-10}"
out=target/bench-results/scoring; mkdir -p "$out"
command -v fasttext >/dev/null || { echo "bench/scoring.sh: needs fasttext (apt-get install fasttext)" >&2; exit 2; }

# The same sentences for everyone: the dataset's texts, one per line, REPEAT times.
python3 - "$repeat" "$out" <<'PY'
import csv, sys
repeat, out = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open("datasets/iraq-presence/sentences.csv", encoding="utf-8")))
texts = [" ".join(r["text"].split()) for r in rows]
open(f"{out}/sentences.txt", "w", encoding="utf-8").write("\n".join(texts * repeat) + "\n")
train = list(csv.DictReader(open("datasets/iraq-presence/train.csv", encoding="utf-8")))
with open(f"{out}/ft-train.txt", "w", encoding="utf-8") as f:
    for r in train:
        f.write(f"__label__{r['stance']} {' '.join(r['text'].split())}\n")
PY
n=$(wc -l < "$out/sentences.txt")

# run CMD...: runs CMD with its stdout and stderr discarded; prints "wall-s cpu-s peak-KB load1" (CPU = user + system,
# load1 = the machine's 1-minute load average just before the run: the figure to read each timing against).
run() {
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" > /dev/null 2>&1
  awk -v l="$load" '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, l}' "$out/time.txt"
}
wall() { run "$@" | awk '{print $1, $3}'; }

# fastText: default settings, and tuned as the peers' best (word 2-grams + char 2-5-grams).
fasttext supervised -input "$out/ft-train.txt" -output "$out/ft-default" -thread 2 -verbose 0
fasttext supervised -input "$out/ft-train.txt" -output "$out/ft-tuned" -wordNgrams 2 -minn 2 -maxn 5 -epoch 25 -lr 0.5 -thread 2 -verbose 0
read -r ftd_s ftd_kb < <(wall fasttext predict-prob "$out/ft-default.bin" "$out/sentences.txt" 1)

# Ours through bin/stance (the class-data sharing archive is made by a first run) against tuned fastText,
# in alternating pairs, ROUNDS of each (default 5): every run's wall, CPU-seconds and load go to pairs.txt.
bin/stance score --sentences "$out/sentences.txt" --format jsonl > /dev/null 2>&1
rounds="${ROUNDS:-5}"
: > "$out/pairs.txt"
for i in $(seq "$rounds"); do
  echo "ours $(run bin/stance score --sentences "$out/sentences.txt" --format jsonl)" >> "$out/pairs.txt"
  echo "fasttext $(run fasttext predict-prob "$out/ft-tuned.bin" "$out/sentences.txt" 1)" >> "$out/pairs.txt"
  echo "ours1 $(run bin/stance score --sentences "$out/sentences.txt" --format jsonl --threads 1)" >> "$out/pairs.txt"
done

# Cold start to the first result: one sentence, against a bare `java -version`, 11 alternating runs of
# each timed to the microsecond (/usr/bin/time's 10 ms steps are half of `java -version` itself).
one="$out/one.txt"; echo "واشنطن غير جادة في الانسحاب من العراق." > "$one"
read -r cold jv < <(python3 - "$one" <<'PY'
import statistics, subprocess, sys, time
def once(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
ours, jv = [], []
for _ in range(11):
    ours.append(once(["bin/stance", "score", "--sentences", sys.argv[1], "--format", "jsonl"]))
    jv.append(once(["java", "-version"]))
print(f"{statistics.median(ours):.3f} {statistics.median(jv):.3f}")
PY
)

# In-process: batch sentences/s on one thread and on all, latency.
java -jar "$JAR" bench-score -m models/iraq-presence.zip datasets/iraq-presence/sentences.csv --min-sentences 100000 --latency-calls 2000 \
  2>/dev/null | tee "$out/in-process.txt"

python3 - "$n" "$out/pairs.txt" "$ftd_s" "$ftd_kb" "$cold" "$jv" "$(nproc)" <<'PY'
import sys
sys.path.insert(0, "bench")
from timed_runs import Runs
n, ftd, ftd_kb, cold, jv, cores = int(sys.argv[1]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
runs = Runs(sys.argv[2])
med, span, loads = runs.med, runs.span, runs.loads
k = runs.count("ours")
print(f"\n| whole process, {n:,} sentences (`--sentences`, JSON lines out), median of {k} alternating runs | wall s (range) | CPU-s (range) | sentences/s | peak RSS | load before runs |")
print("|---|---|---|---|---|---|")
for who, name in (("ours", f"`bin/stance score` ({cores} threads)"), ("ours1", "`bin/stance score --threads 1`"),
                  ("fasttext", "`fasttext predict-prob`, tuned (word 2-grams, char 2-5-grams)")):
    print(f"| {name} | {med(who, 0):.2f} ({span(who, 0)}) | {med(who, 1):.2f} ({span(who, 1)}) | {n / med(who, 0):,.0f} | {med(who, 2) / 1024:.0f} MB | {loads(who)} |")
print(f"| `fasttext predict-prob`, default settings (one run) | {ftd:.2f} | | {n / ftd:,.0f} | {ftd_kb / 1024:.0f} MB | |")
print(f"\nOurs against tuned fastText, medians: wall {med('ours', 0) / med('fasttext', 0):.2f}x, CPU-seconds {med('ours', 1) / med('fasttext', 1):.2f}x "
      f"(one thread: {med('ours1', 1) / med('fasttext', 1):.2f}x). Cold start to the first result (one sentence, median of 11 alternating runs): "
      f"{cold:.3f} s; a bare `java -version`: {jv:.3f} s ({cold / jv:.1f}x).")
PY
