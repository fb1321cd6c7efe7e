#!/usr/bin/env bash
# The OPA engine against the embedded one and against `opa eval`, on 10,000 generated manifests:
#   1. spendgate check --engine drools                       (embedded rules)
#   2. spendgate check --engine opa, a local `opa run --server` with the project's bundle
#      (default batching: 5,000 manifests a request, so 2 requests; and --opa-batch 10000: 1)
#   3. opa eval of data.spendgate.decision on the same input document (--dump-input), same bundle
#   4. the server alone: one POST of that input document with curl
# All JSON reports go to files. The target: (2) costs at most 1.5x what (3) takes.
# Needs: a built jar (./mvnw -B package -DskipTests), python3, hyperfine, curl, and opa
# (bin/ensure-opa installs it). Usage: bench/opa.sh [RUNS]   (results: bench/out/opa.json)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
out=bench/out
mkdir -p "$out"
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
now=2026-11-22T12:00:00Z
many=$out/manifests-10k
[ -d "$many" ] || python3 bench/generate_manifests.py 10000 "$many"
opa=$(bin/ensure-opa)

bin/spendgate packs bundle --output "$out/bundle.tar.gz" 2> /dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# no decision logging: it would print every 10,000-manifest input document
"$opa" run --server --addr "127.0.0.1:$port" --log-level error --bundle "$out/bundle.tar.gz" > "$out/opa-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
for _ in $(seq 100); do
    curl -sf "$url/health?bundles" > /dev/null && break
    sleep 0.1
done

# the input document of the run, for opa eval and curl (the check's own report is discarded)
bin/spendgate check "$many" --now "$now" --engine opa --opa-url "$url" --dump-input "$out/input-10k.json" \
    --format json --output "$out/report-10k-opa.json" 2> /dev/null || true
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
with open(f"{out}/input-10k.json") as f, open(f"{out}/request-10k.json", "w") as w:
    w.write('{"input":'); w.write(f.read()); w.write('}')
PY

hyperfine -N --warmup 1 --runs "$runs" -i --export-json "$out/opa.json" \
    -n "spendgate check --engine drools (10,000 manifests)" \
    "bin/spendgate check $many --now $now --format json --output $out/report-10k-drools.json" \
    -n "spendgate check --engine opa (10,000 manifests, 2 requests)" \
    "bin/spendgate check $many --now $now --format json --output $out/report-10k-opa.json --engine opa --opa-url $url" \
    -n "spendgate check --engine opa --opa-batch 10000 (1 request)" \
    "bin/spendgate check $many --now $now --format json --output $out/report-10k-opa1.json --engine opa --opa-url $url --opa-batch 10000" \
    -n "opa eval data.spendgate.decision (same input, same bundle)" \
    "$opa eval --bundle $out/bundle.tar.gz --input $out/input-10k.json --format json data.spendgate.decision" \
    -n "curl POST of the same input to the OPA server" \
    "curl -sf -o /dev/null -H Content-Type:application/json --data-binary @$out/request-10k.json $url/v1/data/spendgate/decision" \
    > /dev/null

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
results = json.load(open(f"{out}/opa.json"))["results"]
for r in results:
    print(f"{r['command']:<62} median {r['median']*1000:8.1f} ms  mean {r['mean']*1000:8.1f} ms"
          f"  min {r['min']*1000:8.1f} ms  ({len(r['times'])} runs)")
by = {r["command"]: r["median"] for r in results}
opa_path = by["spendgate check --engine opa (10,000 manifests, 2 requests)"]
drools = by["spendgate check --engine drools (10,000 manifests)"]
ev = by["opa eval data.spendgate.decision (same input, same bundle)"]
print(f"spendgate check --engine opa / opa eval: {opa_path / ev:.2f}x (target <= 1.5x); "
      f"of which the same work as --engine drools but the rules: {drools*1000:.0f} ms")
PY
