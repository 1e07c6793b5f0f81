#!/usr/bin/env bash
# Restart time with and without the class-data-sharing archive that ./curfew keeps next to the jar: the time from
# launching `java -jar curfew.jar start` until it prints "Curfew is ready at" (the HTTP server and discovery are
# up), on an existing H2 data directory. One ./curfew start first creates the data and the archive (at its stop);
# then --runs (default 5) pairs of restarts, alternating with and without the archive. Median and each run, in ms.
# Only 127.0.0.1, on a free port; the data directory is temporary.
# With --before-jar=PATH, another build (e.g. the previous commit's curfew.jar) is measured the same way, on a data
# directory and an archive of its own, its restarts interleaved with this checkout's: both with their archive.
# Usage: bench/restart.sh [--runs=5] [--before-jar=PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
BEFORE_JAR=
for arg in "$@"; do
  case "$arg" in
    --runs=*) RUNS="${arg#--runs=}" ;;
    --before-jar=*) BEFORE_JAR="${arg#--before-jar=}" ;;
    *) echo "unknown option: $arg (usage: bench/restart.sh [--runs=5] [--before-jar=PATH])" >&2; exit 2 ;;
  esac
done
. ./scripts/find-jdk.sh
JAR=curfew-server/target/curfew.jar
DATA="$(mktemp -d)"
LOG="$DATA/out.log"
trap 'rm -rf "$DATA"' EXIT

# Starts Curfew with the given java options, prints the ms until it is ready, and stops it.
start_ms() {
  local begin pid end
  : > "$LOG"
  begin=$(date +%s%N)
  "$@" start --http-host 127.0.0.1 --http-port 0 --data-dir "${DATA_DIR:-$DATA/data}" >"$LOG" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do
    grep -q "Curfew is ready at" "$LOG" && break
    kill -0 "$pid" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - begin) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "uptime: $(uptime)"
echo "first start (creates the data; the archive is written at its stop): $(start_ms ./curfew) ms"
ARCHIVE="$(ls -t curfew-server/target/curfew-*.jsa | head -n1)"
with=() without=()
for _ in $(seq 1 "$RUNS"); do
  with+=("$(start_ms "$JAVA_HOME/bin/java" -XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR")")
  without+=("$(start_ms "$JAVA_HOME/bin/java" -jar "$JAR")")
done
echo "with the archive:    median $(printf '%s\n' "${with[@]}" | median) ms   (${with[*]})"
echo "without the archive: median $(printf '%s\n' "${without[@]}" | median) ms   (${without[*]})"
if [ -n "$BEFORE_JAR" ]; then
  BEFORE_ARCHIVE="$DATA/before.jsa"
  before_java=("$JAVA_HOME/bin/java" -XX:SharedArchiveFile="$BEFORE_ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off
    -jar "$BEFORE_JAR")
  echo "before: first start of $BEFORE_JAR: $(DATA_DIR="$DATA/before-data" start_ms "$JAVA_HOME/bin/java" \
    -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$BEFORE_ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$BEFORE_JAR") ms"
  before=() after=()
  for _ in $(seq 1 "$RUNS"); do
    before+=("$(DATA_DIR="$DATA/before-data" start_ms "${before_java[@]}")")
    after+=("$(start_ms "$JAVA_HOME/bin/java" -XX:SharedArchiveFile="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR")")
  done
  echo "interleaved, both with their archive:"
  echo "  before: median $(printf '%s\n' "${before[@]}" | median) ms   (${before[*]})"
  echo "  after:  median $(printf '%s\n' "${after[@]}" | median) ms   (${after[*]})"
fi
echo "uptime: $(uptime)"
