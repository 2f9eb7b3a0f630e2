#!/usr/bin/env bash
# Load test of `stance serve` with wrk, on 127.0.0.1 only, bounded in time (about 4 minutes):
#   bench/serve.sh [SECONDS_PER_RUN=10] [SOAK_SECONDS=120]
# For batches of 1 and 32 real test-split sentences and 1, 8, 64 and 256 connections: sentences/s
# (2xx responses only), p50/p99 latency, and the responses that were not 2xx (503 past the
# server's --max-concurrent bound, which is 4 x the cores, 8 here, by design). Then a soak at 8
# connections, batches of 32, sampling the server's RSS every 10 s: it must not grow.
# wrk and the server share this machine's cores: the load average is printed beside each figure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_s="${1:-10}"
soak_s="${2:-120}"
port=18181
work="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$here/bin/stance" serve --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }
# the server is `java -jar ...`: its pid is the launcher's (exec)

# Request bodies from the fixed test split (real sentences), 1 and 32 per request.
python3 - "$here/datasets/iraq-presence/test.csv" "$work" <<'PY'
import csv, json, sys
rows = [r['text'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))]
for n in (1, 32):
    bodies = [json.dumps({"sentences": rows[i:i + n]}, ensure_ascii=False) for i in range(0, 640, n)]
    with open(f"{sys.argv[2]}/post{n}.lua", "w", encoding="utf-8") as f:
        f.write("local bodies = {" + ",".join("[==[" + b + "]==]" for b in bodies) + "}\n")
        f.write("local i = 0\nwrk.method = 'POST'\nwrk.headers['Content-Type'] = 'application/json'\n")
        f.write("request = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n")
PY

echo "# stance serve under wrk: $(nproc) cores, $(date -u +%FT%TZ), model $(sha256sum "$here/models/iraq-presence.zip" | cut -c1-12)"
echo
echo "| batch | connections | sentences/s | p50 ms | p99 ms | non-2xx of all | load |"
echo "|---|---|---|---|---|---|---|"
for batch in 1 32; do
  for c in 1 8 64 256; do
    threads=$(( c < 2 ? 1 : 2 ))
    out="$(wrk -t"$threads" -c"$c" -d"${run_s}s" --timeout 30s --latency -s "$work/post$batch.lua" "http://127.0.0.1:$port/v1/sentences" 2>&1)"
    load=$(cut -d' ' -f1 /proc/loadavg)
    python3 - "$batch" "$c" "$run_s" "$load" <<PY
import re, sys
out = """$out"""
batch, c, secs, load = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
total = int(re.search(r"(\d+) requests in", out).group(1))
bad = int(re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1)) if "Non-2xx" in out else 0
errors = re.search(r"Socket errors: (.*)", out)
def ms(p):
    m = re.search(r"\s" + p + r"%\s+([\d.]+)(us|ms|s)", out)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
print(f"| {batch} | {c} | {(total - bad) * batch / secs:,.0f} | {ms('50'):.1f} | {ms('99'):.1f} | {bad} of {total}"
      + (f" (socket: {errors.group(1)})" if errors else "") + f" | {load} |")
PY
  done
done

echo
echo "soak: 8 connections, batches of 32, ${soak_s} s; server RSS (MB) every 10 s:"
wrk -t2 -c8 -d"${soak_s}s" --timeout 30s -s "$work/post32.lua" "http://127.0.0.1:$port/v1/sentences" >"$work/soak.txt" 2>&1 &
wrk_pid=$!
samples=()
for _ in $(seq 1 $(( soak_s / 10 ))); do
  sleep 10
  samples+=("$(( $(ps -o rss= -p "$server_pid") / 1024 ))")
done
wait "$wrk_pid" || true
echo "  ${samples[*]}"
grep -E "requests in|Non-2xx" "$work/soak.txt" | sed 's/^/  /'
echo "  load $(cut -d' ' -f1-3 /proc/loadavg)"
