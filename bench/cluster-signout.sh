#!/usr/bin/env bash
# A sign-out answered by node 1 of a three-node cluster, and the signed-out access token refused at introspection and
# userinfo on nodes 2 and 3: p50/p99 over the trials. Three nodes in one JVM on one embedded PostgreSQL 18 database
# (removed at the end), localhost only; nodes judge tokens from memory and hear of the sign-out through LISTEN/NOTIFY.
# At most 10 minutes of trials; every checker stops at its first refusal or after 5 s.
# Usage: bench/cluster-signout.sh [--trials=200] [--warm-up=20]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms768m -Xmx768m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.cluster.ClusterSignOutBench "$@"
echo "uptime: $(uptime)"
