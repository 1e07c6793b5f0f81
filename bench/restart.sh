#!/usr/bin/env bash
# Start-up time: from launching Curfew until its discovery document (/realms/master/.well-known/openid-configuration)
# answers 200, on 127.0.0.1 and a free port, with H2 in a temporary data directory.
#
# This checkout runs through ./curfew start, as operators run it: the launcher's JVM options and its class archive
# (an AOT cache on JDK 25 and later, a class-data-sharing archive before). Starts of ./curfew on a scratch data
# directory make that archive before anything is timed: on JDK 21-24 the first, which writes it when it stops; on JDK
# 25 the first records the classes it used and the second makes the cache from that record in the background, which
# is waited for (at most 5 minutes). Then --runs (default 5)
# rounds of: a first start (an empty data directory: schema, master realm, administrator, keys) and a restart (the data
# a first start made), each with the archive, and a restart without it (java -jar with the same options). Median and
# each run, in ms.
#
# With --before-jar=PATH, another build (e.g. the previous commit's curfew.jar, bench/jars.sh makes it) is measured
# in the same rounds, interleaved, through this checkout's launcher: a copy of ./curfew in a scratch directory, with
# that jar in place of this one, so it gets the same JVM options and an archive of its own, made as above.
# Usage: bench/restart.sh [--runs=5] [--before-jar=PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
BEFORE_JAR=
for arg in "$@"; do
  case "$arg" in
    --runs=*) RUNS="${arg#--runs=}" ;;
    --before-jar=*) BEFORE_JAR="$(cd "$(dirname "${arg#--before-jar=}")" && pwd)/$(basename "${arg#--before-jar=}")" ;;
    *) echo "unknown option: $arg (usage: bench/restart.sh [--runs=5] [--before-jar=PATH])" >&2; exit 2 ;;
  esac
done
. ./scripts/find-jdk.sh
JAR=curfew-server/target/curfew.jar
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The memory options of ./curfew, for the runs that do not go through it.
read -r -a MEMORY_OPTS <<<"$(sed -n '/^DEFAULT_JAVA_OPTS=(/,/)/p' curfew | tr -d '()\n' | sed 's/DEFAULT_JAVA_OPTS=//')"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs the command (ending before `start`) on data directory $1, prints the ms until discovery answers 200, stops it
# and waits until it has exited (a first run writes its archive then).
start_ms() {
  local data="$1" port begin pid end
  shift
  port="$(free_port)"
  begin=$(date +%s%N)
  MALLOC_ARENA_MAX=2 "$@" start --http-host 127.0.0.1 --http-port "$port" --data-dir "$data" >"$WORK/out.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' \
      "http://127.0.0.1:$port/realms/master/.well-known/openid-configuration" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/out.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $(( (end - begin) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
report() { printf '%-34s median %6s ms   (%s)\n' "$1" "$(printf '%s\n' "${@:2}" | median)" "${*:2}"; }

. bench/launcher.sh
# The launcher's archive for the jar in directory $1 (see above and bench/launcher.sh).
make_archive() {
  prepare_launcher_archive "$1" "$WORK/scratch-$RANDOM"
}

echo "uptime: $(uptime)"
make_archive "$PWD"
before=("$WORK/before-root/curfew")
if [ -n "$BEFORE_JAR" ]; then
  # Only the launcher, its JDK finder and the jar: with no sources beside it, the launcher never rebuilds the jar.
  mkdir -p "$WORK/before-root/scripts" "$WORK/before-root/curfew-server/target"
  cp curfew "$WORK/before-root/"
  cp scripts/find-jdk.sh "$WORK/before-root/scripts/"
  cp "$BEFORE_JAR" "$WORK/before-root/curfew-server/target/curfew.jar"
  make_archive "$WORK/before-root"
fi
first=() restart=() without=() before_first=() before_restart=()
start_ms "$WORK/data" ./curfew >/dev/null
if [ -n "$BEFORE_JAR" ]; then start_ms "$WORK/before-data" "${before[@]}" >/dev/null; fi
for i in $(seq 1 "$RUNS"); do
  first+=("$(start_ms "$WORK/first-$i" ./curfew)")
  restart+=("$(start_ms "$WORK/data" ./curfew)")
  without+=("$(start_ms "$WORK/data" "$JAVA_HOME/bin/java" "${MEMORY_OPTS[@]}" -jar "$JAR")")
  if [ -n "$BEFORE_JAR" ]; then
    before_first+=("$(start_ms "$WORK/before-first-$i" "${before[@]}")")
    before_restart+=("$(start_ms "$WORK/before-data" "${before[@]}")")
  fi
done
report "first start" "${first[@]}"
report "restart" "${restart[@]}"
report "restart without the archive" "${without[@]}"
if [ -n "$BEFORE_JAR" ]; then
  report "before: first start" "${before_first[@]}"
  report "before: restart" "${before_restart[@]}"
fi
echo "uptime: $(uptime)"
