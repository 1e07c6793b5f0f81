#!/usr/bin/env bash
# Figure (c): time from a user sign-out's API answer to a Shared Signals receiver holding the SET, for a push
# receiver (RFC 8935, through the outbox) and a long-poll receiver (RFC 8936), p50/p99 over the trials.
# The server, both receivers and the admin client run in one JVM on localhost; an H2 file database in a temporary
# directory, removed at the end.
# Usage: bench/ssf.sh [--trials=200] [--warm-up=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.ssf.SsfLatencyBench "$@"
echo "uptime: $(uptime)"
