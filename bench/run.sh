#!/usr/bin/env bash
# Benchmark: this project against fastText and scikit-learn on the same splits.
#   bench/run.sh [TASK...]      TASK: iraq mawqif ant scaling, or all (= every one; default: iraq mawqif)
# Writes target/bench-results/{ours,peers}.json and target/bench-results/report.md, prints the tables
# (docs/BENCHMARKS.md is written by hand from such runs; this script no longer overwrites it).
# Not part of `mvn verify`: `all` took 19 min 47 s on 2 cores (2026-11-23, CHANGELOG.md 0.1.0), iraq + mawqif about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -gt 0 ]] && tasks=("$@") || tasks=(iraq mawqif)
[[ "${tasks[*]}" == all ]] && tasks=(iraq mawqif ant scaling)
scaling=0
if [[ " ${tasks[*]} " == *" scaling "* ]]; then
  scaling=1; tasks=($(printf '%s\n' "${tasks[@]}" | grep -vx scaling || true))
fi
start=$SECONDS
py=/usr/bin/python3
if ! command -v fasttext >/dev/null || ! $py -c 'import sklearn' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fasttext python3-sklearn python3-numpy python3-scipy >/dev/null
fi
# (re)build the jar when it is missing or older than the sources
source bench/jar.sh
export OMP_NUM_THREADS=1
out=target/bench-results; mkdir -p "$out" target/bench-models
$py bench/prepare_data.py >&2

# Our side: the shipped model's configuration (defaults + the in-house word vectors, which the shipped
# model carries: EMB may name an embeddings artifact from `stance embed` instead), dev for early
# stopping and for choosing L2 from L2_GRID (as the peers choose C and fastText settings on dev),
# then evaluated once on test and timed. The train time reported is the chosen model's.
EMB=${EMB:-models/iraq-presence.zip}
L2_GRID=${L2_GRID:-1e-4 3e-4 1e-3}
ours="$out/ours.jsonl"; : > "$ours"
run_ours() { # name data-dir task metric extra-args...
  local name=$1 dir=$2 task=$3 metric=$4; shift 4
  local best="" best_score=-1
  for l2 in $L2_GRID; do
    local model=target/bench-models/$name-$l2.zip
    /usr/bin/time -v -o "$out/$name-$l2.time" java -Xmx8g -jar "$JAR" train "$dir/train.csv" --dev "$dir/dev.csv" \
        --task "$task" --embeddings "$EMB" --l2 "$l2" -o "$model" "$@" > /dev/null 2> "$out/$name-$l2.train.log"
    java -jar "$JAR" evaluate -m "$model" "$dir/dev.csv" --json > "$out/$name-$l2.dev.json" 2>/dev/null
    local score; score=$($py -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])" "$out/$name-$l2.dev.json" "$task" "$metric")
    echo "ours: $name l2=$l2 dev $metric=$score" >&2
    if $py -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$score" "$best_score"; then best=$l2; best_score=$score; fi
  done
  local model=target/bench-models/$name-$best.zip
  cp "$out/$name-$best.time" "$out/$name.time"
  java -jar "$JAR" evaluate -m "$model" "$dir/test.csv" --json > "$out/$name.test.json" 2>/dev/null
  java -jar "$JAR" bench-score -m "$model" "$dir/test.csv" --min-sentences 20000 --latency-calls 500 --json \
      > "$out/$name.speed.json" 2>/dev/null
  $py bench/report.py record "$name" "$task" "$model" "$out/$name.time" "$out/$name.test.json" "$out/$name.speed.json" "$best" "$out"/$name-*.dev.json >> "$ours"
  echo "ours: $name done (l2 $best)" >&2
}
peers=()
for t in "${tasks[@]}"; do
  case $t in
    iraq) run_ours iraq-stance datasets/iraq-presence stance macroF1
          run_ours iraq-topic datasets/iraq-presence topic macroF1
          peers+=(iraq-stance iraq-topic) ;;
    mawqif) run_ours mawqif-stance target/bench-data/mawqif stance favg --use-target
            peers+=(mawqif-stance) ;;
    ant) L2_GRID="${ANT_L2_GRID:-3e-5 1e-4}" run_ours ant-topic target/bench-data/ant topic macroF1 --epochs 12
         peers+=(ant-topic) ;;
    *) echo "unknown task $t" >&2; exit 2 ;;
  esac
done
# SKIP_PEERS=1 reuses the peers' figures of an earlier run (they take ~10 minutes).
if [[ "${SKIP_PEERS:-0}" != 1 ]]; then
  $py bench/baselines.py --tasks "$(IFS=,; echo "${peers[*]}")" --out "$out/peers.json" > "$out/peers.md"
fi
BENCH_CMD="bench/run.sh ${*:-}" $py bench/report.py table "$ours" "$out/peers.json" | tee "$out/report.md"
[[ $scaling == 1 ]] && bench/scaling.sh
echo "bench/run.sh ${*:-}: $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s" | tee -a "$out/report.md"
