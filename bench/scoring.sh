#!/usr/bin/env bash
# Scoring speed, whole process and in-process, next to fastText on the same sentences, in one run.
#   bench/scoring.sh [REPEAT]     (REPEAT copies of the labeled dataset's sentences; default 10)
# Needs: java, the fasttext Debian package, python3. Writes target/bench-results/scoring/*.txt and
# prints a Markdown table (docs/PERFORMANCE.md holds the one from the last run). Run it on an idle
# machine: every figure is a wall-clock time.
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

# wall CMD...: runs CMD with its stdout and stderr discarded; prints "seconds peak-KB".
wall() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2>&1; cat "$out/time.txt"; }

# fastText: default settings, and tuned as the peers' best (word 2-grams + char 2-5-grams).
fasttext supervised -input "$out/ft-train.txt" -output "$out/ft-default" -thread 2 -verbose 0
fasttext supervised -input "$out/ft-train.txt" -output "$out/ft-tuned" -wordNgrams 2 -minn 2 -maxn 5 -epoch 25 -lr 0.5 -thread 2 -verbose 0
read -r ftd_s ftd_kb < <(wall fasttext predict-prob "$out/ft-default.bin" "$out/sentences.txt" 1)
read -r ftt_s ftt_kb < <(wall fasttext predict-prob "$out/ft-tuned.bin" "$out/sentences.txt" 1)

# Ours through bin/stance (class-data sharing archive made by a first run), all cores and one thread.
bin/stance score --sentences "$out/sentences.txt" --format jsonl > /dev/null 2>&1
read -r our_s our_kb < <(wall bin/stance score --sentences "$out/sentences.txt" --format jsonl)
read -r our1_s our1_kb < <(wall bin/stance score --sentences "$out/sentences.txt" --format jsonl --threads 1)

# Cold start to the first result: one sentence, median of 5; next to a bare `java -version`.
one="$out/one.txt"; echo "واشنطن غير جادة في الانسحاب من العراق." > "$one"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold=$(for i in 1 2 3 4 5; do wall bin/stance score --sentences "$one" --format jsonl | cut -d' ' -f1; done | median)
jv=$(for i in 1 2 3 4 5; do wall java -version | cut -d' ' -f1; done | median)

# In-process: batch sentences/s on one thread and on all, latency.
java -jar "$JAR" bench-score -m models/iraq-presence.zip datasets/iraq-presence/sentences.csv --min-sentences 100000 --latency-calls 2000 \
  2>/dev/null | tee "$out/in-process.txt"

python3 - "$n" "$ftd_s" "$ftt_s" "$our_s" "$our1_s" "$cold" "$jv" "$ftd_kb" "$ftt_kb" "$our_kb" "$(nproc)" <<'PY'
import sys
n, ftd, ftt, ours, ours1, cold, jv = int(sys.argv[1]), *map(float, sys.argv[2:8])
ftd_kb, ftt_kb, our_kb, cores = map(int, sys.argv[8:12])
print(f"\n| whole process, {n:,} sentences (`--sentences`, JSON lines out) | wall s | sentences/s | peak RSS |")
print("|---|---|---|---|")
print(f"| `bin/stance score` ({cores} threads) | {ours:.2f} | **{n/ours:,.0f}** | {our_kb/1024:.0f} MB |")
print(f"| `bin/stance score --threads 1` | {ours1:.2f} | {n/ours1:,.0f} | |")
print(f"| `fasttext predict-prob`, tuned (word 2-grams, char 2-5-grams) | {ftt:.2f} | {n/ftt:,.0f} | {ftt_kb/1024:.0f} MB |")
print(f"| `fasttext predict-prob`, default settings | {ftd:.2f} | {n/ftd:,.0f} | {ftd_kb/1024:.0f} MB |")
print(f"\nOurs against tuned fastText: {ftt/ours:.2f}x its sentences/s. Cold start to the first result (one sentence, median of 5): "
      f"{cold:.2f} s; a bare `java -version`: {jv:.2f} s ({cold/jv:.0f}x).")
PY
