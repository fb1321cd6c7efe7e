#!/usr/bin/env bash
# Whole-process benchmark of `spendgate spend` over a generated FOCUS export, as CSV and as
# Parquet, at two sizes (to show that memory does not grow with the number of rows):
# wall time (hyperfine), rows per second, and peak resident memory (GNU time).
# Runs bin/spendgate (the launcher with the class-data-sharing archive), as a pipeline would.
# Needs: a built jar (./mvnw -B package -DskipTests), hyperfine, GNU time (/usr/bin/time).
# Usage: bench/spend.sh [ROWS] [RUNS]   (default 5000000 rows, 5 runs; results in bench/out/spend-*)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000000}
runs=${2:-5}
out=bench/out
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
now=2026-11-22T12:00:00Z
for n in $((rows / 10)) "$rows"; do
    dir=$out/focus-$n
    if [ ! -f "$dir/focus.parquet" ]; then
        mkdir -p "$dir"
        java -cp "$jar" bench/GenerateFocus.java "$n" "$dir"
    fi
    for f in focus.csv focus.parquet; do
        hyperfine -N --warmup 1 --runs "$runs" -i --export-json "$out/spend-$n-$f.json" \
            "bin/spendgate spend examples/manifests --spend $dir/$f --now $now --format json --output $out/spend-$n-$f.report.json" > /dev/null
        mean=$(python3 -c "import json,sys; print(json.load(open('$out/spend-$n-$f.json'))['results'][0]['median'])")
        peak=$( { /usr/bin/time -f %M bin/spendgate spend examples/manifests --spend "$dir/$f" --now "$now" \
            --format json --output /dev/null > /dev/null; } 2>&1 | tail -1)
        python3 -c "n=$n; t=$mean; print(f'{\"$f\":14} {n:>9,} rows  median {t:6.2f} s  {n/t/1e6:5.2f} M rows/s  peak RSS {$peak/1024:6.0f} MB  ({\"$(du -h $dir/$f | cut -f1)\"})')"
    done
done
