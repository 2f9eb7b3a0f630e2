#!/usr/bin/python3
"""Collects this project's benchmark figures and prints them beside the peers' (bench/run.sh).

  report.py record NAME TASK MODEL TIME_FILE TEST_JSON SPEED_JSON L2 DEV_JSON...   -> one JSON line (stdout)
  report.py table OURS_JSONL PEERS_JSON                             -> Markdown (stdout)
"""
import json
import os
import platform
import re
import sys


def wall_rss(time_file):
    """Wall-clock seconds and peak RSS (MB) from a `/usr/bin/time -v` report."""
    times = open(time_file, encoding="utf-8").read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", times).group(1)
    parts = [float(x) for x in wall.split(":")]
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", times).group(1))
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts))), rss_kb / 1024


def record(name, task, model, time_file, test_json, speed_json, l2, *dev_jsons):
    seconds, rss_mb = wall_rss(time_file)
    test = json.load(open(test_json, encoding="utf-8"))[task]
    speed = json.load(open(speed_json, encoding="utf-8"))
    print(json.dumps(dict(name=name, task=task, accuracy=test["accuracy"], macro_f1=test["macroF1"], f_avg=test.get("favg"),
                          per_class_f1={c["label"]: c["f1"] for c in test["perClass"]}, train_time_s=seconds,
                          peak_rss_train_mb=rss_mb, model_size_bytes=os.path.getsize(model),
                          throughput_sps=speed["batchSentencesPerSecond"], latency_p50_ms=speed["latencyP50Ms"],
                          latency_p99_ms=speed["latencyP99Ms"], peak_rss_score_mb=speed["peakRssMb"], l2=l2,
                          dev_grid={re.search(r"-([0-9.e-]+)\.dev\.json$", f).group(1): dev_score(f, task) for f in dev_jsons})))


def dev_score(path, task):
    d = json.load(open(path, encoding="utf-8"))[task]
    return d["favg"] if d.get("favg") is not None else d["macroF1"]


def table(ours_jsonl, peers_json):
    ours = [json.loads(l) for l in open(ours_jsonl, encoding="utf-8") if l.strip()]
    peers = json.load(open(peers_json, encoding="utf-8")) if os.path.exists(peers_json) else {"tasks": {}}
    env = peers.get("environment", {})
    out = ["# Benchmarks", "",
           "Produced by `%s` (this project: `stance train` in the shipped model's configuration — "
           "defaults plus the word vectors of `models/iraq-presence.zip` —, dev for early stopping and for choosing L2 "
           "from a grid, test evaluated once, "
           "speed from `stance bench-score`; peers: `bench/baselines.py`, fastText and scikit-learn tuned on dev only, "
           "see its docstring for how each figure is measured). Same train/dev/test files for every system: "
           "`datasets/iraq-presence/{train,dev,test}.csv`, and Mawqif's official test split with 15%% of its train "
           "split (stratified, seed 13) as dev (`bench/prepare_data.py`)." % os.environ.get("BENCH_CMD", "bench/run.sh"),
           "",
           "Throughput: sentences/s on the test sentences with the model loaded, one thread, batches of 256 "
           "(peers: sklearn `predict` in a fresh process, `fasttext predict-prob`). Times and speeds are of one run on "
           "the 2-core machine below with nothing else running; on a loaded machine they vary by ~2x.",
           "", "Machine: %s, %s CPUs, Python %s. Load average at the peers' start: %s." % (
               platform.platform(), os.cpu_count(), platform.python_version(), env.get("loadavg_start", "?")), ""]
    for o in ours:
        t = peers["tasks"].get(o["name"], {})
        favg = o["f_avg"] is not None
        out += ["## %s" % o["name"], "",
                "| system | test macro-F1 | accuracy |%s train s | peak RSS train MB | predict sentences/s | model MB |" % (" F_avg |" if favg else ""),
                "|---|---|---|%s---|---|---|---|" % ("---|" if favg else "")]
        out.append("| **stance (this project)** | %.4f | %.4f |%s %.1f | %.0f | %.0f | %.1f |" % (
            o["macro_f1"], o["accuracy"], (" %.4f |" % o["f_avg"]) if favg else "", o["train_time_s"], o["peak_rss_train_mb"],
            o["throughput_sps"], o["model_size_bytes"] / 1e6))
        for sysname, r in t.get("systems", {}).items():
            ts = r["test"]
            out.append("| %s | %.4f | %.4f |%s %.1f | %.0f | %.0f | %.1f |" % (
                sysname, ts["macro_f1"], ts["accuracy"], (" %.4f |" % ts.get("f_avg", float("nan"))) if favg else "",
                r["train_time_s"], r["peak_rss_bytes"]["train"] / 2 ** 20, r["predict"]["throughput_sps"], r["model_size_bytes"] / 1e6))
        out += ["", "This project, per class F1: " + ", ".join("%s %.3f" % kv for kv in o["per_class_f1"].items())
                + "; single-sentence latency p50 %.2f ms, p99 %.2f ms." % (o["latency_p50_ms"], o["latency_p99_ms"])
                + " L2 chosen on dev: %s (dev %s by L2: %s)." % (o.get("l2"), "F_avg" if favg else "macro-F1",
                                                                 ", ".join("%s %.4f" % kv for kv in sorted(o.get("dev_grid", {}).items()))), ""]
    print("\n".join(out))


if __name__ == "__main__":
    if sys.argv[1] == "record":
        record(*sys.argv[2:])
    elif sys.argv[1] == "table":
        table(*sys.argv[2:4])
    else:
        sys.exit(__doc__)
