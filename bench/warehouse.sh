#!/usr/bin/env bash
# Whole-process benchmark of live spend from a PostgreSQL table of ROWS FOCUS rows (generated
# inside PostgreSQL with generate_series), side by side as alternating paired runs:
#   psql        running the aggregate query spendgate sends (as --explain-spend prints it)
#   aggregate   java -jar spendgate.jar spend --spend jdbc:postgresql://...            (the database sums)
#   stream      java -jar spendgate.jar spend --spend 'jdbc:postgresql://...?spendgate.read=stream'
# then the bytes each spendgate read receives from the server (through bench/byte_proxy.py),
# and checks that both reads give the same report bytes.
# Needs: a built jar (./mvnw -B package -DskipTests), PostgreSQL's programs (bin/ensure-postgres), python3.
# Usage: bench/warehouse.sh [ROWS] [RUNS]   (default 10000000 rows, 3 runs; results in bench/out/warehouse-TABLE-*)
#   BAD_EVERY=N  one row in N has a currency other than the budgets' (default 100000; 0: none, so that
#                the second, serial query describing the bad rows is never sent)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
out=$PWD/bench/out
mkdir -p "$out"
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
pg=$(bin/ensure-postgres)
port=${SPENDGATE_BENCH_PG_PORT:-55432}
data=${SPENDGATE_BENCH_PG_DATA:-/tmp/spendgate-bench-pg}
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
now=2026-11-22T12:00:00Z
bad=${BAD_EVERY:-100000}

if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && [ ${#as[@]} -eq 0 ] || chown postgres "$data"
    "${as[@]}" "$pg/initdb" -D "$data" -U spendgate --auth=trust > /dev/null
fi
if ! "${as[@]}" "$pg/pg_ctl" -D "$data" status > /dev/null 2>&1; then
    "${as[@]}" "$pg/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp -c shared_buffers=2GB" start > /dev/null
fi
psql=(psql -h 127.0.0.1 -p "$port" -U spendgate -d postgres -v ON_ERROR_STOP=1 -q)
table=focus_$rows
[ "$bad" = 100000 ] || table=${table}_bad$bad
if [ "$("${psql[@]}" -At -c "SELECT to_regclass('$table') IS NOT NULL")" != t ]; then
    echo "generating $rows rows in $table ..."
    # 30 days from 2026-11-01, 200 manifests in 12 teams, costs with six decimals; one row in $bad in EUR
    "${psql[@]}" -c "CREATE UNLOGGED TABLE $table AS SELECT
        timestamptz '2026-11-01 00:00:00+00' + (g % 720) * interval '1 hour' AS ChargePeriodStart,
        timestamptz '2026-11-01 00:00:00+00' + (g % 720 + 1) * interval '1 hour' AS ChargePeriodEnd,
        ((g % 100000) / 1000000.0)::numeric(14,6) AS EffectiveCost,
        ((g % 100000) / 1000000.0)::numeric(14,6) AS BilledCost,
        CASE WHEN $bad > 0 AND g % GREATEST($bad, 1) = 0 THEN 'EUR' ELSE 'USD' END AS BillingCurrency,
        jsonb_build_object('spendgate-manifest', 'workload-' || (g % 200), 'team', 'team-' || (g % 12),
            'env', 'prod') AS Tags
        FROM generate_series(1, $rows) g" -c "VACUUM ANALYZE $table"
fi
url="jdbc:postgresql://127.0.0.1:$port/postgres?spendgate.queryTimeout=0"
# java -jar with the JVM's default settings: through bin/spendgate's start-up flags (C1 only, a
# small young generation) one 50-million-row streaming read took minutes instead of 90 s
spend=(java -jar "$jar" spend examples/manifests --now "$now" --spend-table "$table" --format json)
export SPENDGATE_SPEND_USER=spendgate
# what psql runs: the session statements and the aggregate, as --explain-spend prints them
"${spend[@]}" --spend "$url" --explain-spend | awk '/^-- the aggregate/{getline; print; exit} !/^--/' \
    > "$out/warehouse-$table-psql.sql"

python3 bench/paired.py "$runs" \
    "psql=${psql[*]} -At -f $out/warehouse-$table-psql.sql -o /dev/null" \
    "aggregate=${spend[*]} --spend '$url' --output $out/warehouse-$table-aggregate.json" \
    "stream=${spend[*]} --spend '$url&spendgate.read=stream' --output $out/warehouse-$table-stream.json" \
    | tee "$out/warehouse-$table-times.txt"
cmp "$out/warehouse-$table-aggregate.json" "$out/warehouse-$table-stream.json" && echo "reports: the same bytes"

# bytes the client receives, through a counting proxy
for mode in aggregate stream; do
    proxy=$((port + 1))
    python3 bench/byte_proxy.py "$proxy" "$port" "$out/warehouse-$table-$mode.bytes" &
    pid=$!
    sleep 0.5
    q="?spendgate.queryTimeout=0"; [ "$mode" = stream ] && q="$q&spendgate.read=stream"
    "${spend[@]}" --spend "jdbc:postgresql://127.0.0.1:$proxy/postgres$q" --output /dev/null 2> /dev/null
    kill "$pid"; wait "$pid" 2> /dev/null || true
    echo "$mode: $(cat "$out/warehouse-$table-$mode.bytes") bytes received" | tee -a "$out/warehouse-$table-times.txt"
done
