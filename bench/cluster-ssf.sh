#!/usr/bin/env bash
# A sign-out on node 1 of a three-node cluster reaching a Shared Signals long poll held on node 3: p50/p99 over the
# trials. Three nodes in one JVM on one embedded PostgreSQL 18 database (removed at the end), localhost only; node 3
# hears of the SET through PostgreSQL's LISTEN/NOTIFY. At most 10 minutes of trials.
# Usage: bench/cluster-ssf.sh [--trials=200] [--warm-up=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms768m -Xmx768m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.cluster.ClusterSsfLatencyBench "$@"
echo "uptime: $(uptime)"
