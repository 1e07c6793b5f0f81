#!/usr/bin/env bash
# Cost of durable commits. First CommitCostBench: one thread's commits into an H2 file with H2's default write
#   delay and with WRITE_DELAY=0 (what Curfew runs), in microseconds per commit. Then, on the real server started
#   from a jar (--demo, a fresh H2 data directory):
#   the answer time of user sign-outs (POST /admin/realms/demo/sign-outs, one at a time: each is one transaction
#   and, with H2's WRITE_DELAY=0, one write of the database file before the answer), then the LoadHarness figures
#   (browser logins, refresh, client credentials, introspection), and the size of curfew.mv.db at the end.
#   Several jars are measured one after the other in one run, so a jar built before a change can be compared
#   with one built after it: e.g. bench/durability.sh /tmp/before.jar curfew-server/target/curfew.jar
# Usage: bench/durability.sh [--signouts=N] [--seconds=S] [--concurrency=C] [JAR...]
#   defaults: 300 sign-outs, 5 s per load scenario, concurrency 8, curfew-server/target/curfew.jar
#   Only talks to localhost; every loop is bounded; temporary files are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
signouts=300
seconds=5
concurrency=8
jars=()
for arg in "$@"; do
  case "$arg" in
    --signouts=*) signouts=${arg#*=} ;;
    --seconds=*) seconds=${arg#*=} ;;
    --concurrency=*) concurrency=${arg#*=} ;;
    --help) sed -n '2,13p' "$0"; exit 0 ;;
    --*) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
    *) jars+=("$arg") ;;
  esac
done
[ ${#jars[@]} -gt 0 ] || jars=(curfew-server/target/curfew.jar)
[ "$signouts" -ge 1 ] && [ "$signouts" -le 10000 ] || { echo "--signouts must be 1-10000" >&2; exit 2; }
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale

pid=
data=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

measure() {
  local jar=$1 port base token ids answer_ms
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  data=$(mktemp -d)
  CURFEW_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -jar "$jar" start \
    --http-host 127.0.0.1 --http-port "$port" --data-dir "$data/data" --demo >"$data/curfew.log" 2>&1 &
  pid=$!
  base="http://localhost:$port"
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null "$base/health/ready"; then break; fi
    sleep 0.01
  done
  curl -sf -o /dev/null "$base/health/ready" || { echo "Curfew did not become ready; log:"; cat "$data/curfew.log"; exit 1; }
  echo "== $jar ($(date -u +%H:%M:%S), load: $(cut -d' ' -f1-3 /proc/loadavg))"
  token=$(curl -s -d grant_type=password -d client_id=admin-cli -d username=admin \
    -d password=bench-admin-password "$base/realms/master/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  ids=()
  for user in alice bob carol; do
    ids+=("$(curl -s -H "Authorization: Bearer $token" "$base/admin/realms/demo/users?username=$user" \
      | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')")
  done
  : >"$data/answers"
  for i in $(seq 1 "$signouts"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' \
      -d '{"scope":{"type":"user","userId":"'"${ids[$((i % 3))]}"'"},"reason":"durability bench"}' \
      "$base/admin/realms/demo/sign-outs" >>"$data/answers"
  done
  if grep -qv '^201 ' "$data/answers"; then echo "a sign-out did not answer 201:"; grep -v '^201 ' "$data/answers" | head; exit 1; fi
  cut -d' ' -f2 "$data/answers" | sort -n | awk '
    function q(p,  i) { i = int(NR * p); if (i < NR * p) i++; return v[i > 0 ? i : 1] }
    { v[NR] = $1 * 1000; sum += $1 * 1000 }
    END { printf "user sign-out answer, ms (n=%d): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f\n",
          NR, q(0.5), q(0.9), q(0.99), v[NR], sum / NR }'
  local users client secret redirect
  users=$(sed -n 's/^ *user \([a-z]*\) \/ password \([^ ]*\)$/\1:\2/p' "$data/curfew.log")
  read -r client secret redirect < <(sed -n 's/^ *client \([^ ]*\) \/ secret \([^ ]*\) \/ redirect URI \([^ ]*\)$/\1 \2 \3/p' "$data/curfew.log")
  # shellcheck disable=SC2086 # one argument per user:password
  "$JAVA_HOME/bin/java" -Dseconds="$seconds" -Dconcurrency="$concurrency" -cp bench/target/curfew-bench.jar \
    dev.curfew.bench.load.LoadHarness "$base" demo "$client" "$secret" "$redirect" $users
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "curfew.mv.db after the run and a clean stop: $(du -k "$data/data/curfew.mv.db" | cut -f1) KiB"
  rm -rf "$data"; data=
}

echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -cp bench/target/curfew-bench.jar dev.curfew.bench.durability.CommitCostBench
for jar in "${jars[@]}"; do
  measure "$jar"
done
echo "uptime: $(uptime)"
