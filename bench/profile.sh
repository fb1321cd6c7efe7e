#!/usr/bin/env bash
# Where a gate run's time goes, thread by thread: CPU samples of every thread of bin/spendgate
# (async-profiler as a JVM agent, through SPENDGATE_JAVA_OPTS, so the launcher's own flags and
# archive stay as they are), summed over RUNS runs and printed per run:
#   - CPU per thread (main, the Drools rule-base thread, the warm-up thread, C1, the collector);
#   - on the main thread, the spendgate, picocli, Drools and YAML methods that hold most of it;
#   - where method handles are linked at run time (invokedynamic bootstraps, annotation proxies),
#     by the nearest caller outside the JDK.
# Needs: a built jar (./mvnw -B package -DskipTests), python3, curl, Linux x86-64 or arm64.
# async-profiler is downloaded once from Maven Central at the pinned version (SHA-256 checked)
# into ~/.cache/spendgate/async-profiler-VERSION.
# Usage: bench/profile.sh [RUNS] [INTERVAL] [-- ARGS...]
#   default: 3 runs, 200us, ARGS = check of one example manifest (bench/coldstart.sh's);
#   e.g. bench/profile.sh 1 2ms -- check bench/out/manifests-10k --now 2026-11-22T12:00:00Z --format json --output /tmp/r.json
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
interval=${2:-200us}
shift $(( $# > 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
if [ $# -eq 0 ]; then
    set -- check examples/manifests/experiments/churn-classifier-ft.yaml --now 2026-11-22T12:00:00Z
fi

version=4.1
case "$(uname -m)" in
    x86_64) platform=linux-x64; sha=d4d74707248527b024abeb5d5d4e270e4b4ba4ededc061941795a0f67d3bd706 ;;
    aarch64|arm64) platform=linux-arm64; sha=29c8d48c9d2f9be8f7adec9803dc5e9b2d5f245a02418d994819be617fce27be ;;
    *) echo "bench/profile.sh: async-profiler $version has no build for $(uname -m) on Maven Central" >&2; exit 2 ;;
esac
cache=${XDG_CACHE_HOME:-$HOME/.cache}/spendgate/async-profiler-$version
lib=$cache/$platform/libasyncProfiler.so
if [ ! -f "$lib" ]; then
    mkdir -p "$cache"
    url=https://repo1.maven.org/maven2/tools/profiler/async-profiler/$version/async-profiler-$version-$platform.jar
    curl -fsSL -o "$cache/ap.jar" "$url"
    echo "$sha  $cache/ap.jar" | sha256sum -c --quiet - || { rm -f "$cache/ap.jar"; echo "checksum of $url differs" >&2; exit 2; }
    (cd "$cache" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(".")' ap.jar)
    rm -f "$cache/ap.jar"
fi

jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
bin/spendgate version > /dev/null    # the launcher's archive, trained once as a first run would
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
    SPENDGATE_JAVA_OPTS="${SPENDGATE_JAVA_OPTS:-} -agentpath:$lib=start,event=cpu,interval=$interval,threads,file=$out/run-$i.collapsed" \
        bin/spendgate "$@" > /dev/null 2>&1 || true
done
cat "$out"/run-*.collapsed > "$out/all.collapsed"

python3 - "$out/all.collapsed" "$runs" "$interval" <<'PY'
import collections, re, sys

path, runs, interval = sys.argv[1], int(sys.argv[2]), sys.argv[3]
unit = float(re.match(r"[0-9.]+", interval).group()) * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[
    re.search(r"[a-z]+$", interval).group()]
per_run = lambda samples: samples * unit / runs
stacks = []
for line in open(path):
    stack, _, n = line.rstrip("\n").rpartition(" ")
    frames = stack.split(";")
    thread = re.sub(r"\s*tid=\d+\]$", "]", frames[0]).rstrip("0123456789 ]") + "]"
    stacks.append((thread, frames[1:], int(n)))

threads = collections.Counter()
for thread, _, n in stacks:
    threads[thread] += n
print(f"CPU per thread, ms per run ({runs} runs, a sample every {interval}; the agent adds its own share)")
for thread, n in threads.most_common(10):
    print(f"  {per_run(n):7.1f}  {thread}")

inclusive = collections.Counter()
for thread, frames, n in stacks:
    if thread.startswith("[main"):
        for f in set(frames):
            if f.startswith(("dev/spendgate/", "picocli/", "org/drools/", "org/snakeyaml/")):
                inclusive[f] += n
print("\nmain thread, inclusive CPU ms per run of the methods that hold most of it")
for f, n in inclusive.most_common(25):
    print(f"  {per_run(n):7.1f}  {f}")

linking = ("java/lang/invoke/MethodHandleNatives.linkCallSite", "java/lang/invoke/MethodHandleNatives.linkMethodHandleConstant",
           "java/lang/reflect/ProxyGenerator.generateProxyClass")
callers = collections.Counter()
for thread, frames, n in stacks:
    for i, f in enumerate(frames):
        if f in linking:
            j = i - 1
            while j > 0 and (frames[j].startswith(("java/", "jdk/", "sun/", "Interpreter")) or "::" in frames[j]):
                j -= 1
            callers[(f.split("/")[-1], frames[j] if j >= 0 else "?")] += n
            break
print(f"\nmethod handles linked at run time: {per_run(sum(callers.values())):.1f} ms per run, by caller")
for (what, caller), n in callers.most_common(15):
    print(f"  {per_run(n):7.1f}  {caller}  ({what})")
PY
