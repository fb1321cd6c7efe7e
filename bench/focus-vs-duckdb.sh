#!/usr/bin/env bash
# Whole-process benchmark of `spendgate spend` over a generated FOCUS export against DuckDB's own
# Python package running the very query spendgate sends (as --explain-spend prints it), side by
# side as alternating paired runs, for CSV and Parquet at each size.
# Needs: a built jar (./mvnw -B package -DskipTests), python3 (duckdb 2.0.0, the version of the
# bundled duckdb_jdbc, is installed into ~/.cache/spendgate/bench-duckdb-2.0.0 when missing).
# Usage: bench/focus-vs-duckdb.sh [RUNS] [ROWS...]   (default 4 runs, 2000000 and 10000000 rows)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-4}
shift || true
sizes=("${@:-2000000 10000000}")
out=$PWD/bench/out
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
venv=${XDG_CACHE_HOME:-$HOME/.cache}/spendgate/bench-duckdb-2.0.0
if ! "$venv/bin/python" -c 'import duckdb; assert duckdb.__version__ == "2.0.0"' 2> /dev/null; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check duckdb==2.0.0
fi
now=2026-11-22T12:00:00Z
for n in ${sizes[*]}; do
    dir=$out/focus-$n
    [ -f "$dir/focus.parquet" ] || { mkdir -p "$dir"; java -cp "$jar" bench/GenerateFocus.java "$n" "$dir"; }
    args=()
    for f in csv parquet; do
        # the query with the file's path as spendgate resolves it, run from the same folder
        java -jar "$jar" spend examples/manifests --spend "$dir/focus.$f" --now "$now" --explain-spend > "$dir/$f.sql"
        args+=("duckdb-$n-$f=$venv/bin/python bench/duckdb_query.py $dir/$f.sql"
               "spendgate-$n-$f=bin/spendgate spend examples/manifests --spend $dir/focus.$f --now $now --format json --output /dev/null")
    done
    python3 bench/paired.py "$runs" "${args[@]}" 2> /dev/null | tee "$out/focus-vs-duckdb-$n.txt"
done
