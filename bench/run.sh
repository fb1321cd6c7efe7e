#!/usr/bin/env bash
# Whole-process benchmarks of the gate, as a CI step runs it:
#   1. cold `check` of one manifest: bin/spendgate (archive of pre-loaded classes) and plain java -jar
#   2. `check` of 10,000 generated manifests (JSON report to a file): wall time
#   3. peak resident memory of (2)
# Needs: a built jar (./mvnw -B package -DskipTests), python3, hyperfine, GNU time (/usr/bin/time).
# Usage: bench/run.sh [RUNS]     (results: bench/out/*.json and a summary on stdout)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
out=bench/out
mkdir -p "$out"
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
now=2026-11-22T12:00:00Z
one=examples/manifests/experiments/churn-classifier-ft.yaml
many=$out/manifests-10k
[ -d "$many" ] || python3 bench/generate_manifests.py 10000 "$many"

bin/spendgate version > /dev/null    # makes the archive once, as a first run would

hyperfine -N --warmup 5 --runs "$runs" --export-json "$out/cold.json" \
    -n "bin/spendgate check (1 manifest)" "bin/spendgate check $one --now $now" \
    -n "java -jar check (1 manifest)" "java -jar $jar check $one --now $now" > /dev/null

hyperfine -N --warmup 1 --runs 10 -i --export-json "$out/many.json" \
    -n "bin/spendgate check (10,000 manifests)" \
    "bin/spendgate check $many --now $now --format json --output $out/report-10k.json" > /dev/null

peak=0
for _ in 1 2 3 4 5; do
    kb=$(/usr/bin/time -f '%M' bin/spendgate check "$many" --now "$now" --format json \
        --output "$out/report-10k.json" 2>&1 >/dev/null | tail -1 || true)
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
done

python3 - "$out" "$peak" <<'PY'
import json, sys
out, peak = sys.argv[1], int(sys.argv[2])
for name in ("cold", "many"):
    for r in json.load(open(f"{out}/{name}.json"))["results"]:
        print(f"{r['command']:<42} median {r['median']*1000:7.1f} ms  mean {r['mean']*1000:7.1f} ms"
              f"  min {r['min']*1000:7.1f} ms  max {r['max']*1000:7.1f} ms  ({len(r['times'])} runs)")
print(f"{'peak RSS, 10,000 manifests':<42} {peak/1024:7.1f} MB (max of 5 runs)")
PY
