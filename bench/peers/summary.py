"""Summarises the JSON results of one `bench/peers/run`: each system's samples/s and the ratio of
backprop4j to it. With several interleaved rounds it reports medians over the rounds, the ratio of
the medians, and the lowest and highest ratio within one round, with each system's page faults (the
median over the rounds, whole process, from /usr/bin/time -v) beside its figure.

    python3 summary.py RESULTS_DIR WORKLOAD THREADS ROUNDS SYSTEM...
"""
import json
import os
import statistics
import sys

out, workload, threads, rounds, systems = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
# backprop4j / peer targets: the MLP's, and issue 12's for workload C (which also asks >= 7,000 samples/s)
TARGETS = {"mlp": {"numpy": 1.3, "djl": 2.0, "dl4j": 5.0},
           "cnn": {"pytorch": 2.0, "djl": 2.0, "dl4j": 5.0}}[workload]


def load(system, rnd):
    stem = f"{system}-{workload}-t{threads}"
    name = f"{stem}.json" if rounds == 1 else f"{stem}-r{rnd}.json"
    with open(os.path.join(out, name)) as f:
        return json.loads(f.read().strip())


res = {s: [load(s, r) for r in range(1, rounds + 1)] for s in systems}
sps = {s: [r["samples_per_second"] for r in res[s]] for s in systems}
median = {s: statistics.median(v) for s, v in sps.items()}
ours = median.get("backprop4j")

print(f"\nworkload={workload}, threads={threads}" + (f", {rounds} interleaved rounds (medians; min-max over the rounds)" if rounds > 1 else ""))
header = f"{'system':<12}{'samples/s':>12}"
if rounds > 1:
    header += f"{'min-max':>18}"
header += f"{'page faults':>13}{'test acc':>10}{'peak RSS MiB':>14}{'backprop4j / it':>17}"
if rounds > 1:
    header += f"{'per round':>16}"
header += f"{'target':>8}"
print(header)
for s in systems:
    last = res[s][-1]
    line = f"{s:<12}{median[s]:>12.0f}"
    if rounds > 1:
        line += f"{f'{min(sps[s]):.0f}-{max(sps[s]):.0f}':>18}"
    rss = max(r.get("peak_rss_mib", -1) for r in res[s])
    faults = statistics.median(r.get("page_faults", -1) for r in res[s])
    line += f"{faults:>13.0f}{last.get('test_accuracy', float('nan')):>10.4f}{rss:>14.1f}"
    ratio = f"{ours / median[s]:.2f}x" if ours and s != "backprop4j" else ""
    line += f"{ratio:>17}"
    if rounds > 1:
        within = [a / b for a, b in zip(sps["backprop4j"], sps[s])] if ours and s != "backprop4j" else []
        line += f"{f'{min(within):.2f}-{max(within):.2f}x' if within else '':>16}"
    line += f"{f'>={TARGETS[s]}x' if s in TARGETS else '':>8}"
    print(line)
