#!/usr/bin/env bash
# spendgate against conftest on the same generated manifests, whole process, alternating runs:
#   conftest test with bench/conftest/policy.rego (the baseline checks conftest can express on one
#   file; the file says which it cannot), JSON output;
#   bin/spendgate check of the same folder, JSON report to a file.
# For 10,000 manifests and for 100,000 (bench/generate_manifests.py), with peak RSS; prints both
# figures, the speed ratio, and the 100,000 run against ten times the 10,000 one.
# Targets (issue 18): 10,000 at least 3x faster than conftest with peak RSS <= 200 MB; 100,000 in
# at most 10.5x the 10,000 time and <= 400 MB.
# Needs: a built jar (./mvnw -B package -DskipTests), python3, Go (conftest is installed with
# `go install` at the pinned version when missing).
# Usage: bench/vs-conftest.sh [RUNS_10K] [RUNS_100K]    (defaults 5 and 2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
runs_big=${2:-2}
version=v0.71.1
out=bench/out
mkdir -p "$out"
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
now=2026-11-22T12:00:00Z

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
conftest=${CONFTEST:-$gobin/conftest}
# a go-installed conftest says "Conftest: dev"; its module version is in the binary
if ! go version -m "$conftest" 2>/dev/null | grep -Eq "^\s+mod\s+github.com/open-policy-agent/conftest\s+$version\s"; then
    echo "installing conftest $version with go install" >&2
    go install "github.com/open-policy-agent/conftest@$version"
    conftest=$gobin/conftest
fi
echo "conftest $version ($("$conftest" --version | grep OPA))"

[ -d "$out/manifests-10k" ] || python3 bench/generate_manifests.py 10000 "$out/manifests-10k"
[ -d "$out/manifests-100k" ] || python3 bench/generate_manifests.py 100000 "$out/manifests-100k"
bin/spendgate version > /dev/null    # the launcher's archive, made once as a first run would

# the two find the same on what both check: findings per rule of one run each (not timed)
"$conftest" test --no-color --output json -p bench/conftest "$out/manifests-10k" > "$out/conftest-10k.json" || true
bin/spendgate check "$out/manifests-10k" --now "$now" --format json --output "$out/spendgate-10k.json" 2> /dev/null || true
python3 - "$out" <<'PY'
import collections, json, sys
out = sys.argv[1]
c = collections.Counter()
for r in json.load(open(f"{out}/conftest-10k.json")):
    for f in (r.get("failures") or []) + (r.get("warnings") or []):
        c[f["msg"].split(":")[0]] += 1
s = collections.Counter()
for m in json.load(open(f"{out}/spendgate-10k.json"))["manifests"]:
    for f in m["findings"]:
        s[f["rule"]] += 1
print(f"{'rule':<12} {'spendgate':>9} {'conftest':>9}")
for rule in sorted(set(c) | set(s)):
    note = "" if rule in c else "  (conftest cannot check it)"
    if rule in c and c[rule] != s[rule]:
        note = "  (conftest: the declared-tier half only)" if rule == "SG-MOD-001" else "  DIFFERENT"
    print(f"{rule:<12} {s[rule]:>9} {c[rule] if rule in c else '-':>9}{note}")
PY

echo "== 10,000 manifests ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/paired.py "$runs" \
    "conftest 10k=$conftest test --no-color --output json -p bench/conftest $out/manifests-10k" \
    "spendgate 10k=bin/spendgate check $out/manifests-10k --now $now --format json --output $out/spendgate-10k.json" \
    | tee "$out/vs-conftest-10k.txt" | head -n -1
echo "== 100,000 manifests (no warm-up run: the files were just read, or written)"
WARMUP=0 python3 bench/paired.py "$runs_big" \
    "conftest 100k=$conftest test --no-color --output json -p bench/conftest $out/manifests-100k" \
    "spendgate 100k=bin/spendgate check $out/manifests-100k --now $now --format json --output $out/spendgate-100k.json" \
    | tee "$out/vs-conftest-100k.txt" | head -n -1

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
a = json.loads(open(f"{out}/vs-conftest-10k.txt").read().strip().splitlines()[-1])
b = json.loads(open(f"{out}/vs-conftest-100k.txt").read().strip().splitlines()[-1])
c10, s10 = a["conftest 10k"], a["spendgate 10k"]
c100, s100 = b["conftest 100k"], b["spendgate 100k"]
ok = lambda cond: "ok" if cond else "MISSED"
print(f"10,000:  spendgate {s10['median_ms'] / 1000:.2f} s, {s10['peak_rss_mb']:.0f} MB; conftest {c10['median_ms'] / 1000:.2f} s, "
      f"{c10['peak_rss_mb']:.0f} MB; spendgate {c10['median_ms'] / s10['median_ms']:.2f}x faster "
      f"[target >= 3x: {ok(c10['median_ms'] / s10['median_ms'] >= 3)}; RSS <= 200 MB: {ok(s10['peak_rss_mb'] <= 200)}]")
print(f"100,000: spendgate {s100['median_ms'] / 1000:.2f} s, {s100['peak_rss_mb']:.0f} MB; conftest {c100['median_ms'] / 1000:.2f} s, "
      f"{c100['peak_rss_mb']:.0f} MB; spendgate {c100['median_ms'] / s100['median_ms']:.2f}x faster; "
      f"{s100['median_ms'] / s10['median_ms']:.2f}x its 10,000 time "
      f"[target <= 10.5x: {ok(s100['median_ms'] / s10['median_ms'] <= 10.5)}; RSS <= 400 MB: {ok(s100['peak_rss_mb'] <= 400)}]")
print(f"CPU: spendgate {s10['median_cpu_ms'] / 1000:.2f} s / {s100['median_cpu_ms'] / 1000:.2f} s, "
      f"conftest {c10['median_cpu_ms'] / 1000:.2f} s / {c100['median_cpu_ms'] / 1000:.2f} s (10,000 / 100,000)")
PY
