#!/usr/bin/env bash
# Curfew and Keycloak side by side on this machine, in one table.
#   Keycloak (org.keycloak:keycloak-quarkus-dist, fetched with ./mvnw into bench/target/keycloak and reused) runs
#   `kc.sh start-dev` (its H2 file database), Curfew `./curfew start --demo` on a fresh data directory (its launcher:
#   the launcher's JVM options and AOT cache, made beforehand by bench/launcher.sh), each as its own launcher starts
#   it, both on the Temurin JDK that scripts/find-jdk.sh finds, on free ports of 127.0.0.1. Measured:
#   - start-up to a ready discovery endpoint: the first start on an empty data directory, and a restart at the end;
#   - SideBySide (a second JVM): the same realm on both through the Keycloak-shaped admin API, then each workload
#     (client_credentials, rotating refresh, introspection, userinfo, password grant) on one server, then on the
#     other (Keycloak first in odd rounds, Curfew first in even ones), round after round: requests/s, the server's
#     CPU ms per request (/proc/<pid>/stat of its java process), p50/p99 latency, RSS after the run, errors and the
#     machine's load average; then a realm sign-out (logout-all) of N sessions and a user sign-out
#     (users/{id}/logout) of one user's sessions: answer time, when sampled refresh tokens are refused,
#     when the server counts no session.
# Usage: bench/vs-keycloak.sh [--quick] [--seconds=10] [--warm-up=4] [--first-warm-up=12] [--rounds=3]
#          [--concurrency=16] [--workloads=client_credentials,refresh,introspection,userinfo,password[,discovery]]
#          [--sessions=1000[,10000,50000]] [--user-sessions=1000] [--sample=200] [--set-up-minutes=8]
#          [--keycloak-set-up-hash=fast|default]
#   --curfew-heap=keycloak (default): Curfew's JVM gets the heap bounds kc.sh gives Keycloak's (-Xms64m -Xmx512m, in
#     CURFEW_JAVA_OPTS), so that the RSS figures compare the servers, not two heap limits; --curfew-heap=default: the
#     launcher's own (-Xmx256m).
#   --quick: 2 rounds, 5 s per workload after 2 s (5 s in round 1), 200 sessions, 200 for the user, 50 sampled tokens.
#   Sessions are made by password grants. Keycloak's sign-out realms hash with one round of PBKDF2-SHA256 (its
#   password policy; --keycloak-set-up-hash=default keeps its Argon2id, at ~15 logins/s); Curfew's with its own
#   Argon2id (it has no lighter setting), at ~60 per second on 2 cores: 50,000 take about 15 minutes there.
#   Only 127.0.0.1 is contacted; every loop is bounded; both servers are stopped and temporary data removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

KEYCLOAK_VERSION=26.7.3
KC_HOME=bench/target/keycloak/keycloak-$KEYCLOAK_VERSION
ADMIN_PASSWORD=bench-admin-password
READY_LIMIT_S=600

options=(--seconds=10 --warm-up=4 --first-warm-up=12 --rounds=3 --concurrency=16 --sessions=1000 --user-sessions=1000 --sample=200)
# kc.sh's heap outside a container (JAVA_OPTS_KC_HEAP in bin/kc.sh).
KEYCLOAK_HEAP=(-Xms64m -Xmx512m)
curfew_heap=("${KEYCLOAK_HEAP[@]}")
for arg in "$@"; do
  case "$arg" in
    --curfew-heap=keycloak) curfew_heap=("${KEYCLOAK_HEAP[@]}") ;;
    --curfew-heap=default) curfew_heap=() ;;
    --quick) options+=(--rounds=2 --seconds=5 --warm-up=2 --first-warm-up=5 --sessions=200 --user-sessions=200 --sample=50) ;;
    --seconds=*|--warm-up=*|--first-warm-up=*|--rounds=*|--concurrency=*|--workloads=*|--sessions=*|--user-sessions=*|--sample=*|--set-up-minutes=*|--max-requests=*|--poll-seconds=*|--keycloak-set-up-hash=*)
      options+=("$arg") ;;
    --help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

# The last value given for each option wins; each is passed once, in the order first given.
declare -A chosen=()
order=()
for option in "${options[@]}"; do
  key=${option%%=*}
  [ -n "${chosen[$key]+set}" ] || order+=("$key")
  chosen[$key]=$option
done
options=()
for key in "${order[@]}"; do options+=("${chosen[$key]}"); done

. ./scripts/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"

if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  echo "fetching Keycloak $KEYCLOAK_VERSION into bench/target/keycloak"
  ./mvnw -q -B -N org.apache.maven.plugins:maven-dependency-plugin:3.9.0:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory=bench/target/keycloak
fi
. bench/jars.sh
build_jars_if_stale
. bench/launcher.sh

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# The pid of the process listening on 127.0.0.1:$1 (for Keycloak the java process, not kc.sh).
listening_pid() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }

work=$(mktemp -d)
kc_launcher= kc_java= cf_pid=
# Stops what this script started, by pid: TERM, then KILL after 60 s.
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
cleanup() {
  local status=$?
  stop "$kc_launcher" "$kc_java" "$cf_pid"
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "== tail of $log"; tail -n 20 "$log"; }; done
  fi
  rm -rf "$work" "$KC_HOME/data"
}
trap cleanup EXIT

# Launches a server with "$@" (output to $log), waits until its master realm's discovery answers; sets
# started_pid and ready_ms.
start_server() {
  local log=$1 port=$2 begin
  shift 2
  begin=$(date +%s%N)
  "$@" >"$log" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 $((READY_LIMIT_S * 10))); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/realms/master/.well-known/openid-configuration" && break
    kill -0 "$started_pid" 2>/dev/null || { echo "server exited; log $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
    sleep 0.1
  done
  ready_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  curl -sf -o /dev/null "http://127.0.0.1:$port/realms/master/.well-known/openid-configuration" \
    || { echo "not ready after ${READY_LIMIT_S} s; log $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
}
start_keycloak() {
  start_server "$work/keycloak-$1.log" "$kc_port" env KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" sh "$KC_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$kc_port"
  kc_launcher=$started_pid
  kc_java=$(listening_pid "$kc_port")
}
# The launcher's heap option, and its AOT cache for it, which the starts below use (it is named after the options).
curfew_env=(CURFEW_ADMIN_PASSWORD="$ADMIN_PASSWORD" CURFEW_JAVA_OPTS="${curfew_heap[*]}")
start_curfew() {
  start_server "$work/curfew-$1.log" "$cf_port" env "${curfew_env[@]}" ./curfew start --http-host 127.0.0.1 \
    --http-port "$cf_port" --data-dir "$work/curfew-data" --demo
  cf_pid=$(listening_pid "$cf_port")
}
result() { printf 'row\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$work/results.tsv"; }

date_started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(load)
rm -rf "$KC_HOME/data"
kc_port=$(free_port)
cf_port=$(free_port)

echo "uptime: $(uptime)"
prepare_launcher_archive "$PWD" "$work/curfew-prepare" "${curfew_env[@]}"
start_keycloak first
augmented=$(grep -c 'Updating the configuration' "$work/keycloak-first.log" || true)
result "start-up to ready discovery" "first start, empty data directory, ms" Keycloak 1 "$ready_ms"
[ "$augmented" = 0 ] || printf 'note\t%s\n' "Keycloak's first start included a one-time Quarkus re-augmentation (first start-dev of this unpacked distribution): $ready_ms ms" >>"$work/results.tsv"
echo "Keycloak ready in $ready_ms ms (pid $kc_java)"
start_curfew first
result "start-up to ready discovery" "first start, empty data directory, ms" Curfew 1 "$ready_ms"
echo "Curfew ready in $ready_ms ms (pid $cf_pid)"

"$JAVA" -cp bench/target/curfew-bench.jar dev.curfew.bench.vskeycloak.SideBySide \
  --keycloak="http://127.0.0.1:$kc_port" --keycloak-pid="$kc_java" \
  --curfew="http://127.0.0.1:$cf_port" --curfew-pid="$cf_pid" \
  --admin-password="$ADMIN_PASSWORD" --clock-ticks="$(getconf CLK_TCK)" \
  --results="$work/results.tsv" "${options[@]}"

stop "$kc_launcher" "$kc_java"; kc_launcher= kc_java=
stop "$cf_pid"; cf_pid=
start_keycloak restart
result "start-up to ready discovery" "restart on the data of this run, ms" Keycloak 1 "$ready_ms"
stop "$kc_launcher" "$kc_java"; kc_launcher= kc_java=
start_curfew restart
result "start-up to ready discovery" "restart on the data of this run, ms" Curfew 1 "$ready_ms"
stop "$cf_pid"; cf_pid=

echo
echo "Curfew and Keycloak side by side, $date_started"
echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), \
$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM; load average before $load_before, after $(load)"
echo "versions: Keycloak $(cat "$KC_HOME/version.txt" 2>/dev/null | sed 's/^Keycloak - Version //') (start-dev, \
dev-file H2, kc.sh's default JVM options: ${KEYCLOAK_HEAP[*]}, G1), Curfew $(git rev-parse --short HEAD)\
$(git diff --quiet HEAD -- . ':!bench' || echo '+changes') (./curfew start --demo: the launcher's JVM options and \
AOT cache, CURFEW_JAVA_OPTS=${curfew_heap[*]:-(none)}; H2 file), $("$JAVA" -version 2>&1 | head -n 1) for both and the load generator"
echo "options: ${options[*]}"
echo
"$JAVA" -cp bench/target/curfew-bench.jar dev.curfew.bench.vskeycloak.SideBySideTable "$work/results.tsv"
