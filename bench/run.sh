#!/usr/bin/env bash
# The figures of README's performance table, whole process, as a CI step runs the gate:
#   1. cold `check` of one manifest on JDK 17 and 25, bin/spendgate and plain java -jar, against
#      java -version in the same run (bench/coldstart.sh);
#   2. `check` of 10,000 generated manifests (JSON report to a file): wall time, CPU, peak RSS;
#   3. the sizes of what the build leaves (the jar, lib/) and of the launcher's archives.
# Against conftest: bench/vs-conftest.sh; the Action's steps: bench/action.sh.
# Needs: a built jar (./mvnw -B package -DskipTests), python3.
# Usage: bench/run.sh [RUNS]     (RUNS for the cold start; the 10,000-manifest run is timed 5 times)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=bench/out
mkdir -p "$out"
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
now=2026-11-22T12:00:00Z
many=$out/manifests-10k
[ -d "$many" ] || python3 bench/generate_manifests.py 10000 "$many"

bench/coldstart.sh "$runs"

echo "== 10,000 manifests ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/paired.py 5 \
    "bin/spendgate check (10,000 manifests)=bin/spendgate check $many --now $now --format json --output $out/report-10k.json" \
    | tee "$out/many.txt" | head -n -1

echo "== sizes"
for f in "$jar" cli/target/lib/*.jar cli/target/spendgate-*.jsa cli/target/spendgate-*.aot; do
    [ -f "$f" ] && printf '%-48s %6.1f MB\n' "$f" "$(python3 -c "import os, sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$f")"
done
