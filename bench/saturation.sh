#!/usr/bin/env bash
# Curfew before and after a change, side by side past saturation (bench/README.md, "Saturation: fairness and
# memory"): the code of --before (a commit, default main) built in a temporary directory, and this checkout's code started by ./curfew (its JVM options included),
# each with --demo on a fresh data directory on a free port of 127.0.0.1. Idle RSS is read --idle seconds (default 15)
# after each is ready; then Saturation drives both, interleaved, at 1x, 2x and 4x the capacity of each workload, and
# RSS is read again --idle seconds after the runs.
# Only localhost is contacted; every run is bounded in time and request count.
#
# Usage: bench/saturation.sh [--before=COMMIT | --before-jar=PATH] [--before-java-opts="-Xmx256m ..."] [--idle=15]
#        [Saturation options: --seconds=8 --warm-up=3
#        --concurrency=16 --max-in-flight=512 --levels=1,2,4 --workloads=client_credentials,refresh,...]
#        [--server-cpus=0 --generator-cpus=1: both servers on these CPUs, the load generator on those (taskset),
#        so that what is measured is the server's own queue, not the generator's share of the same cores]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
ADMIN_PASSWORD=saturation-admin-password

before=main before_jar= before_opts= idle=15 options=() server_cpus= generator_cpus=
for arg in "$@"; do
  case "$arg" in
    --before=*) before=${arg#--before=} ;;
    --before-jar=*) before_jar=${arg#--before-jar=} ;;
    --before-java-opts=*) before_opts=${arg#--before-java-opts=} ;;
    --idle=*) idle=${arg#--idle=} ;;
    --server-cpus=*) server_cpus=${arg#--server-cpus=} ;;
    --generator-cpus=*) generator_cpus=${arg#--generator-cpus=} ;;
    --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) options+=("$arg") ;;
  esac
done

# The command prefix that runs on the given CPUs, or none.
on_cpus() { if [[ -n "$1" ]]; then echo "taskset -c $1"; fi; }
server_on=$(on_cpus "$server_cpus") generator_on=$(on_cpus "$generator_cpus")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
work=$(mktemp -d)
before_pid= after_pid=
stop() {
  local pid
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop "$before_pid" "$after_pid"; rm -rf "$work"' EXIT

if [ -z "$before_jar" ]; then
  echo "building the code of $before ($(git rev-parse --short "$before")) in $work/before..."
  mkdir -p "$work/before"
  git archive "$before" | tar -x -C "$work/before"
  (cd "$work/before" && ./mvnw -q -B -DskipTests -pl curfew-server -am package)
  before_jar="$work/before/curfew-server/target/curfew.jar"
fi
. bench/jars.sh
build_jars_if_stale

wait_ready() {
  local port=$1 pid=$2 log=$3
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/realms/master/.well-known/openid-configuration" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "server on port $port did not become ready; log:" >&2; tail -n 30 "$log" >&2; exit 1
}

# The launcher's AOT cache made before anything is measured (bench/launcher.sh): made during the run, it would be CPU
# counted against the after server, and a JVM that is recording is not the one operators run.
. bench/launcher.sh
prepare_launcher_archive "$PWD" "$work/prepare-data" CURFEW_ADMIN_PASSWORD="$ADMIN_PASSWORD"

before_port=$(free_port) after_port=$(free_port)
# shellcheck disable=SC2086 # the options are words on purpose
CURFEW_ADMIN_PASSWORD=$ADMIN_PASSWORD $server_on "$JAVA" $before_opts -jar "$before_jar" start --http-host 127.0.0.1 \
  --http-port "$before_port" --data-dir "$work/before-data" --demo >"$work/before.log" 2>&1 &
before_pid=$!
wait_ready "$before_port" "$before_pid" "$work/before.log"
# shellcheck disable=SC2086 # the prefix is words on purpose
CURFEW_ADMIN_PASSWORD=$ADMIN_PASSWORD $server_on ./curfew start --http-host 127.0.0.1 \
  --http-port "$after_port" --data-dir "$work/after-data" --demo >"$work/after.log" 2>&1 &
after_pid=$!
wait_ready "$after_port" "$after_pid" "$work/after.log"
sleep "$idle"
idle_before=$(rss "$before_pid") idle_after=$(rss "$after_pid")

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "before: $before_jar ($("$JAVA" -version 2>&1 | head -n 1)), JVM options: ${before_opts:-the JVM defaults}"
echo "after:  ./curfew start at $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')," \
  "JVM options: $(tr '\0' ' ' <"/proc/$after_pid/cmdline" | sed 's/ -jar .*//; s/^[^ ]* //')"
echo "idle RSS $idle s after ready: before ${idle_before} MB, after ${idle_after} MB"
if [[ -n "$server_cpus$generator_cpus" ]]; then
  echo "CPUs: servers ${server_cpus:-any}, load generator ${generator_cpus:-any}"
fi
peaks="$work/peaks"
( while kill -0 "$before_pid" 2>/dev/null && kill -0 "$after_pid" 2>/dev/null; do
    echo "$(rss "$before_pid") $(rss "$after_pid")"; sleep 1; done ) >"$peaks" 2>/dev/null &
sampler=$!
# shellcheck disable=SC2086 # the prefix is words on purpose
$generator_on "$JAVA" -cp bench/target/curfew-bench.jar dev.curfew.bench.vskeycloak.Saturation \
  --before="http://127.0.0.1:$before_port" --before-pid="$before_pid" \
  --after="http://127.0.0.1:$after_port" --after-pid="$after_pid" \
  --admin-password="$ADMIN_PASSWORD" --clock-ticks="$(getconf CLK_TCK)" ${options[@]+"${options[@]}"}
kill "$sampler" 2>/dev/null || true
echo "peak RSS during the runs (sampled every second): before $(sort -n -k1 "$peaks" | tail -n 1 | cut -d' ' -f1) MB," \
  "after $(sort -n -k2 "$peaks" | tail -n 1 | cut -d' ' -f2) MB"
sleep "$idle"
echo "RSS $idle s after the runs: before $(rss "$before_pid") MB, after $(rss "$after_pid") MB;" \
  "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
