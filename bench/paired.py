"""Times commands as alternating paired runs (A B A B ...), whole process, and prints each one's
median and the ratio of the medians to the first command's. On a machine other work shares, the
pairs see the same load, so the ratios hold better than the times.

Usage: python bench/paired.py RUNS NAME=COMMAND [NAME=COMMAND ...]   (commands run with sh -c)
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
commands = [arg.split("=", 1) for arg in sys.argv[2:]]
times = {name: [] for name, _ in commands}
for name, command in commands:  # one warm-up each: page cache, the user cache's DuckDB library
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
for i in range(runs):
    for name, command in commands if i % 2 == 0 else list(reversed(commands)):
        start = time.perf_counter()
        subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
base = statistics.median(times[commands[0][0]])
for name, _ in commands:
    m = statistics.median(times[name])
    print(f"{name:32} median {m:7.3f} s  min {min(times[name]):7.3f} s  x{m / base:5.2f} of {commands[0][0]}")
