#!/usr/bin/env bash
# What the composite action costs a job, step by step, as the runner would run it for an action
# used from another repository: the action's files unpacked in a folder of their own (no .git, no
# build), then
#   first job, branch ref:  Maven build (with the Maven repository restored warm, as the action's
#                           own cache gives it), DuckDB stripped to the runner's native library,
#                           the launcher's archive training, the cache entry written (tar + zstd,
#                           as actions/cache does), the gate;
#   cached job:             the cache entry restored into a fresh unpack, the gate;
#   release tag:            (download not timed: network) the archive training, the gate.
# The gate is bin/spendgate check of examples/manifests. Prints the seconds of each phase and the
# sizes of the cache entry and of the release download.
# Needs: the Maven repository the build needs (-Dmaven.repo.local, default ~/.m2/repository; it is
# read offline), tar, zstd (gzip when missing), zip.
# Usage: bench/action.sh [MAVEN_REPOSITORY]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${1:-$HOME/.m2/repository}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now=2026-11-22T12:00:00Z
if command -v zstd > /dev/null; then compress="zstd -q -T0"; ext=tzst; else compress="gzip -1"; ext=tgz; fi

unpack() {
    mkdir -p "$1"
    git archive HEAD | tar -x -C "$1"
    # the working tree's uncommitted changes too, so that the script measures what is checked out
    git diff HEAD --binary | (cd "$1" && git apply --allow-empty 2> /dev/null || true)
}
t() { local s; s=$(date +%s.%N); "$@"; python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$s" "$(date +%s.%N)"; }
phase() { printf '%-52s %8s s\n' "$1" "$2"; }
gate() { (cd "$1" && bin/spendgate check examples/manifests --policy examples/policy.yaml --now "$now" > /dev/null 2>&1 || true); }
# the cached paths of action.yml that exist (the .aot archive only after a JDK 25 run)
cached() { (cd "$1" && for p in cli/target/spendgate.jar cli/target/lib cli/target/spendgate-*.jsa cli/target/spendgate-*.aot; do
    [ -e "$p" ] && echo "$p"; done); }

echo "== first job at a branch ref ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
a=$work/first
unpack "$a"
phase "Maven build (warm repository, offline)" "$(t sh -c "cd '$a' && ./mvnw -B -q -o package -DskipTests -Dmaven.repo.local='$repo' > '$work/build.log' 2>&1")"
native=linux_amd64
[ "$(uname -m)" = aarch64 ] && native=linux_arm64
strip_duckdb() {
    others=$(unzip -Z1 "$a/cli/target/lib/duckdb_jdbc.jar" | grep '^libduckdb_java\.so_' | grep -vx "libduckdb_java.so_$native")
    # shellcheck disable=SC2086
    zip -q -d "$a/cli/target/lib/duckdb_jdbc.jar" $others
}
phase "DuckDB stripped to $native" "$(t strip_duckdb)"
phase "archive training (bin/spendgate version)" "$(t sh -c "cd '$a' && bin/spendgate version > /dev/null")"
paths=$(cached "$a" | tr '\n' ' ')
phase "cache entry written (tar | $compress)" "$(t sh -c "cd '$a' && tar -cf - $paths | $compress > '$work/entry.$ext'")"
phase "gate (one run)" "$(t gate "$a")"
printf '%-52s %8s MB\n' "cache entry" "$(du -m "$work/entry.$ext" | cut -f1)"

echo "== cached job"
b=$work/cached
unpack "$b"
phase "cache entry restored" "$(t sh -c "cd '$b' && $compress -d -c < '$work/entry.$ext' | tar -x")"
phase "gate (one run, archive restored)" "$(t gate "$b")"

echo "== release tag (the release's spendgate.jar, no DuckDB)"
c=$work/release
unpack "$c"
mkdir -p "$c/cli/target"
cp "$a/cli/target/spendgate.jar" "$c/cli/target/"
printf '%-52s %8s MB\n' "download: spendgate.jar" "$(du -m "$c/cli/target/spendgate.jar" | cut -f1)"
phase "archive training (bin/spendgate version)" "$(t sh -c "cd '$c' && bin/spendgate version > /dev/null")"
phase "gate (one run)" "$(t gate "$c")"
