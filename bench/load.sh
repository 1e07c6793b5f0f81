#!/usr/bin/env bash
# Measures a fresh Curfew on this machine, side by side in one run:
#   start-up time to a ready discovery endpoint, idle RSS, and the HTTP load figures of LoadHarness
#   (browser logins vs. the Argon2id hash-bound limit, refresh, client_credentials, introspection).
# Usage: bench/load.sh [seconds-per-scenario] [concurrency]     (only talks to localhost)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
concurrency=${2:-8}
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
log="$data/curfew.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
start_ns=$(date +%s%N)
CURFEW_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -jar curfew-server/target/curfew.jar start \
  --http-host 127.0.0.1 --http-port "$port" --data-dir "$data/data" --demo >"$log" 2>&1 &
pid=$!
url="http://localhost:$port/realms/master/.well-known/openid-configuration"
for _ in $(seq 1 3000); do
  if curl -sf -o /dev/null "$url"; then break; fi
  sleep 0.01
done
ready_ns=$(date +%s%N)
curl -sf -o /dev/null "$url" || { echo "Curfew did not become ready; log:"; cat "$log"; exit 1; }
echo "start-up to ready discovery (first start, creates master + demo realms): $(( (ready_ns - start_ns) / 1000000 )) ms"
sleep 5
echo "idle RSS after 5 s: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
users=$(sed -n 's/^ *user \([a-z]*\) \/ password \([^ ]*\)$/\1:\2/p' "$log")
read -r client secret redirect < <(sed -n 's/^ *client \([^ ]*\) \/ secret \([^ ]*\) \/ redirect URI \([^ ]*\)$/\1 \2 \3/p' "$log")
"$JAVA_HOME/bin/java" -Dseconds="$seconds" -Dconcurrency="$concurrency" -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.load.LoadHarness "http://localhost:$port" demo "$client" "$secret" "$redirect" $users
echo "RSS after load: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
