#!/usr/bin/env bash
# Benchmark: this project against fastText and scikit-learn on the same splits.
#   bench/run.sh [TASK...]      TASK: iraq mawqif ant (default: iraq mawqif)
# Writes target/bench-results/{ours,peers}.json and docs/BENCHMARKS.md, prints the tables.
# Not part of `mvn verify`: a run takes minutes (ANT: tens of minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -gt 0 ]] && tasks=("$@") || tasks=(iraq mawqif)
py=/usr/bin/python3
if ! command -v fasttext >/dev/null || ! $py -c 'import sklearn' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fasttext python3-sklearn python3-numpy python3-scipy >/dev/null
fi
[[ -f target/stance.jar ]] || mvn -B -q -DskipTests package
export OMP_NUM_THREADS=1
out=target/bench-results; mkdir -p "$out" target/bench-models
$py bench/prepare_data.py >&2

# Our side: the shipped model's configuration (defaults + the in-house word vectors, which the shipped
# model carries: EMB may name an embeddings artifact from `stance embed` instead), dev for early
# stopping, evaluated once on test, timed.
EMB=${EMB:-models/iraq-presence.zip}
ours="$out/ours.jsonl"; : > "$ours"
run_ours() { # name data-dir task extra-args...
  local name=$1 dir=$2 task=$3; shift 3
  local model=target/bench-models/$name.zip
  /usr/bin/time -v -o "$out/$name.time" java -Xmx8g -jar target/stance.jar train "$dir/train.csv" --dev "$dir/dev.csv" \
      --task "$task" --embeddings "$EMB" -o "$model" "$@" > /dev/null 2> "$out/$name.train.log"
  java -jar target/stance.jar evaluate -m "$model" "$dir/test.csv" --json > "$out/$name.test.json" 2>/dev/null
  java -jar target/stance.jar bench-score -m "$model" "$dir/test.csv" --min-sentences 20000 --latency-calls 500 --json \
      > "$out/$name.speed.json" 2>/dev/null
  $py bench/report.py record "$name" "$task" "$model" "$out/$name.time" "$out/$name.test.json" "$out/$name.speed.json" >> "$ours"
  echo "ours: $name done" >&2
}
peers=()
for t in "${tasks[@]}"; do
  case $t in
    iraq) run_ours iraq-stance datasets/iraq-presence stance
          run_ours iraq-topic datasets/iraq-presence topic
          peers+=(iraq-stance iraq-topic) ;;
    mawqif) run_ours mawqif-stance target/bench-data/mawqif stance --use-target
            peers+=(mawqif-stance) ;;
    ant) run_ours ant-topic target/bench-data/ant topic --max-features 200000 --epochs 12
         peers+=(ant-topic) ;;
    *) echo "unknown task $t" >&2; exit 2 ;;
  esac
done
# SKIP_PEERS=1 reuses the peers' figures of an earlier run (they take ~10 minutes).
if [[ "${SKIP_PEERS:-0}" != 1 ]]; then
  $py bench/baselines.py --tasks "$(IFS=,; echo "${peers[*]}")" --out "$out/peers.json" > "$out/peers.md"
fi
$py bench/report.py table "$ours" "$out/peers.json" | tee docs/BENCHMARKS.md
