#!/usr/bin/env bash
# Assembles the assets of a release from a build (./mvnw package): run by
# .github/workflows/release.yml, and by hand to see what a release would publish.
#
#   spendgate.jar                        the gate: every command; FOCUS spend sources need DuckDB beside it
#   duckdb_jdbc-<platform>.jar           DuckDB with the native library of one platform only
#   spendgate-<tag>-<platform>.tar.gz    bin/spendgate, spendgate.jar and lib/duckdb_jdbc.jar of that
#                                        platform: unpack and run spendgate/bin/spendgate, every feature
#   <each of them>.sha256                its SHA-256, as `sha256sum` prints it
#
# Platforms: those DuckDB ships a native library for (linux-amd64, linux-arm64, macos-arm64,
# windows-amd64). The Action downloads spendgate.jar alone, and a platform's DuckDB jar only when a
# run reads a spend source.
#
# Usage: cli/src/build/package-release.sh TAG OUT_DIR
set -euo pipefail
tag=${1:?usage: package-release.sh TAG OUT_DIR}
out=${2:?usage: package-release.sh TAG OUT_DIR}
root=$(cd "$(dirname "$0")/../../.." && pwd)
target=$root/cli/target
duckdb=$target/lib/duckdb_jdbc.jar
for f in "$target/spendgate.jar" "$duckdb"; do
    [ -f "$f" ] || { echo "package-release: $f missing; build with ./mvnw -B package first" >&2; exit 1; }
done
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$target/spendgate.jar" "$out/spendgate.jar"
natives=$(unzip -Z1 "$duckdb" | grep '^libduckdb_java\.so_' || true)
[ -n "$natives" ] || { echo "package-release: no native library in $duckdb" >&2; exit 1; }
for native in $natives; do
    platform=${native#libduckdb_java.so_}
    platform=${platform//_/-}
    jar=$out/duckdb_jdbc-$platform.jar
    cp "$duckdb" "$jar"
    others=$(printf '%s\n' $natives | grep -vx "$native")
    # shellcheck disable=SC2086
    zip -q -d "$jar" $others
    bundle=$work/spendgate
    rm -rf "$bundle"
    mkdir -p "$bundle/bin" "$bundle/lib"
    cp "$root/bin/spendgate" "$bundle/bin/spendgate"
    cp "$target/spendgate.jar" "$bundle/spendgate.jar"
    cp "$jar" "$bundle/lib/duckdb_jdbc.jar"
    tar -C "$work" -czf "$out/spendgate-$tag-$platform.tar.gz" --owner=0 --group=0 spendgate
done
(cd "$out" && for f in spendgate.jar duckdb_jdbc-*.jar spendgate-"$tag"-*.tar.gz; do sha256sum "$f" > "$f.sha256"; done)
ls -l "$out"
