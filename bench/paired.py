#!/usr/bin/env python3
"""Alternating paired runs of whole processes: medians, spread and peak resident memory.

    bench/paired.py RUNS NAME=COMMAND [NAME=COMMAND ...]

Each round runs every command once, in the given order, so that a machine that gets busier or
quieter during the measurement moves all of them alike; a command's first run is a warm-up
(page cache, a launcher's archive) and is not counted (WARMUP=0 skips it, for long runs). Commands run without a shell, with their
output discarded; the exit code is not checked (a gate that blocks exits 1). Peak RSS is read
from wait4's rusage of each run. Prints one line per command and, as JSON on the last line,
the medians in milliseconds and megabytes, for scripts; before it, each command's median as a
ratio to the first command's. CPU is user plus system time of the
process (all its threads): on a shared machine it moves less than the wall time.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, p.returncode, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = []
    for spec in sys.argv[2:]:
        name, _, command = spec.partition("=")
        commands.append((name, shlex.split(command)))
    times = {name: [] for name, _ in commands}
    rss = {name: [] for name, _ in commands}
    codes = {name: set() for name, _ in commands}
    cpu = {name: [] for name, _ in commands}
    if os.environ.get("WARMUP", "1") != "0":
        for name, argv in commands:
            run(argv)
    for _ in range(runs):
        for name, argv in commands:
            t, m, code, c = run(argv)
            times[name].append(t * 1000)
            cpu[name].append(c * 1000)
            rss[name].append(m)
            codes[name].add(code)
    summary = {}
    width = max(len(name) for name, _ in commands)
    for name, _ in commands:
        t = sorted(times[name])
        q1, q3 = t[len(t) // 4], t[(3 * len(t)) // 4]
        med = statistics.median(t)
        summary[name] = {"median_ms": round(med, 1), "median_cpu_ms": round(statistics.median(cpu[name]), 1), "peak_rss_mb": round(max(rss[name]), 1),
                         "median_rss_mb": round(statistics.median(rss[name]), 1)}
        print(f"{name:<{width}}  median {med:8.1f} ms  (quartiles {q1:7.1f}-{q3:7.1f}, min {t[0]:7.1f})"
              f"  CPU {statistics.median(cpu[name]):7.1f} ms  peak RSS {max(rss[name]):6.1f} MB  exit {','.join(map(str, sorted(codes[name])))}  [{runs} runs]")
    first = commands[0][0]
    for name, _ in commands[1:]:
        ratio = summary[name]["median_ms"] / summary[first]["median_ms"] if summary[first]["median_ms"] else float("nan")
        print(f"{name:<{width}}  {ratio:6.2f}x the median of {first}")
    sys.stdout.flush()
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
