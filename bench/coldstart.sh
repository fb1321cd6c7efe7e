#!/usr/bin/env bash
# Cold start of one gate run, whole process, against the JVM's own floor in the same run:
#   java -version  |  bin/spendgate check of one manifest  |  java -jar spendgate.jar check (no
#   archive, default JVM flags), on JDK 17 and on JDK 25 (the launcher's class-data archive on 17,
#   its AOT cache on 25; both made by bin/spendgate's training run before the measurement).
# The runs alternate (bench/paired.py), so a machine that gets busier moves all figures alike;
# the ratios to java -version are the figures that travel between machines.
# Needs: a built jar (./mvnw -B package -DskipTests), python3.
# Usage: bench/coldstart.sh [RUNS]   JDK17=... JDK25=... choose the JDKs (homes); BEFORE=DIR adds
# the launcher of another checkout with its built jar (e.g. a build of the previous commit,
# git worktree add /tmp/before HEAD~1 && (cd /tmp/before && ./mvnw -B -q package -DskipTests)).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
jdk17=${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=cli/target/spendgate.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
one=examples/manifests/experiments/churn-classifier-ft.yaml
run="check $one --now 2026-11-22T12:00:00Z"
out=bench/out
mkdir -p "$out"

before=()
for home in "$jdk17" "$jdk25"; do
    [ -x "$home/bin/java" ] || { echo "no JDK at $home (set JDK17 / JDK25)" >&2; exit 2; }
    JAVA_HOME=$home bin/spendgate version > /dev/null   # trains the archive once, as a first run would
    if [ -n "${BEFORE:-}" ]; then
        JAVA_HOME=$home "$BEFORE/bin/spendgate" version > /dev/null
        jdk=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        before+=("JDK $jdk before: bin/spendgate check=env JAVA_HOME=$home $BEFORE/bin/spendgate $run")
    fi
done

echo "== cold start, one manifest ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
python3 bench/paired.py "$runs" \
    "JDK 17 java -version=$jdk17/bin/java -version" \
    "JDK 17 bin/spendgate check=env JAVA_HOME=$jdk17 bin/spendgate $run" \
    "JDK 17 java -jar check=$jdk17/bin/java -jar $jar $run" \
    "JDK 25 java -version=$jdk25/bin/java -version" \
    "JDK 25 bin/spendgate check=env JAVA_HOME=$jdk25 bin/spendgate $run" \
    "JDK 25 java -jar check=$jdk25/bin/java -jar $jar $run" \
    "${before[@]}" | tee "$out/coldstart.txt" | head -n -1

python3 - "$out/coldstart.txt" <<'PY'
import json, sys
s = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
for jdk in ("17", "25"):
    floor = s[f"JDK {jdk} java -version"]["median_ms"]
    for what in ("bin/spendgate check", "java -jar check", "before: bin/spendgate check"):
        if f"JDK {jdk} {what}" not in s:
            continue
        r = s[f"JDK {jdk} {what}"]
        print(f"JDK {jdk} {what:<28} {r['median_ms']:7.1f} ms = {r['median_ms'] / floor:4.1f}x java -version "
              f"({floor:.1f} ms); CPU {r['median_cpu_ms']:.0f} ms; peak RSS {r['peak_rss_mb']:.0f} MB")
PY
