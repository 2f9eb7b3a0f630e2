#!/usr/bin/env bash
# Training the shipped model with two builds in alternating pairs: wall, CPU-seconds, peak RSS and the
# load average before each run (the 2-core machine drifts, so compare within one run only).
#   bench/training.sh OLD.jar [NEW.jar] [PAIRS]     NEW defaults to src/cli/target/stance.jar, PAIRS to 3
# Build OLD.jar from another commit, e.g.: git worktree add /tmp/old REV && (cd /tmp/old && mvn -q -DskipTests -pl src/cli -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; new=${2:-src/cli/target/stance.jar}; pairs=${3:-3}
out=$(mktemp -d)
for i in $(seq 1 "$pairs"); do
  for which in old new; do
    jar=$new; [[ $which == old ]] && jar=$old
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" env OMP_NUM_THREADS=1 STANCE_HOME="$PWD" java -jar "$jar" train \
      datasets/iraq-presence/train.csv --dev datasets/iraq-presence/dev.csv --test datasets/iraq-presence/test.csv \
      --labels iraq-presence -o "$out/$which.zip" >/dev/null 2>&1
    read -r wall user sys rss < "$out/time"
    printf "%s run %d: wall %s s, cpu %.1f s, peak %d MB, load %s\n" "$which" "$i" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$load"
  done
done
rm -rf "$out"
