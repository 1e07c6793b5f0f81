#!/usr/bin/env bash
# What wrong passwords cost everyone else, on a fresh Curfew (--demo) on this machine:
#   client_credentials latency p50/p99 alone and while N virtual threads post wrong passwords to the login form,
#   then browser-login throughput (with brute-force protection on and off when the server has it).
# Usage: bench/hashing.sh [--seconds=15] [--attackers=200] [--toggle] [--server-jar=PATH]   (only talks to localhost)
#   --toggle: the server has the realm field bruteForceProtected: run the attack with the demo realm's protection
#             off (every attempt is hashed) and on, and logins on/off/on/off.
#   --server-jar: run another build of the server (say, a copy of curfew.jar built from an earlier commit).
set -euo pipefail
cd "$(dirname "$0")/.."
props=()
jar=curfew-server/target/curfew.jar
for arg in "$@"; do
  case "$arg" in
    --seconds=*) props+=("-Dseconds=${arg#*=}") ;;
    --attackers=*) props+=("-Dattackers=${arg#*=}") ;;
    --toggle) props+=("-Dtoggle=true") ;;
    --server-jar=*) jar="${arg#*=}" ;;
    *) echo "unknown option $arg; usage: bench/hashing.sh [--seconds=15] [--attackers=200] [--toggle] [--server-jar=PATH]" >&2; exit 2 ;;
  esac
done
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
log="$data/curfew.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
CURFEW_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -jar "$jar" start \
  --http-host 127.0.0.1 --http-port "$port" --data-dir "$data/data" --demo >"$log" 2>&1 &
pid=$!
url="http://localhost:$port/realms/master/.well-known/openid-configuration"
for _ in $(seq 1 3000); do
  if curl -sf -o /dev/null "$url"; then break; fi
  sleep 0.01
done
curl -sf -o /dev/null "$url" || { echo "Curfew did not become ready; log:"; cat "$log"; exit 1; }
echo "uptime: $(uptime)"
users=$(sed -n 's/^ *user \([a-z]*\) \/ password \([^ ]*\)$/\1:\2/p' "$log")
read -r client secret redirect < <(sed -n 's/^ *client \([^ ]*\) \/ secret \([^ ]*\) \/ redirect URI \([^ ]*\)$/\1 \2 \3/p' "$log")
"$JAVA_HOME/bin/java" "${props[@]}" -DserverPid="$pid" -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.load.HashingLoadBench "http://localhost:$port" demo "$client" "$secret" "$redirect" \
  bench-admin-password $users
echo "uptime: $(uptime)"
