#!/usr/bin/env bash
# Throughput of the client_credentials grant and of introspection with one node and with three nodes on the same
# cores (nodes in one JVM on a fresh embedded PostgreSQL 18 each, closed-loop clients sending to the nodes in turn):
# requests/s, CPU ms per request (this JVM plus PostgreSQL), p50/p99. About four minutes; localhost only.
# Usage: bench/cluster-throughput.sh [--seconds=10] [--warm-up=4] [--concurrency=16]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms768m -Xmx768m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.cluster.ClusterThroughputBench "$@"
echo "uptime: $(uptime)"
