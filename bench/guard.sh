#!/usr/bin/env bash
# Figure (a): time from a sign-out's API answer to the first 401 at a resource server guarded by curfew-guard
#   (the sample server, Jetty 12 + CurfewGuardFilter, fed by Curfew's SSF poll stream), for user and session
#   sign-outs, p50/p90/p99 over --trials (default 200) after --warm-up (default 20). Real server in-process on
#   127.0.0.1 with an H2 file database in a temporary directory (removed at the end); only localhost.
# Usage: bench/guard.sh [--trials=200] [--warm-up=20] [--scopes=user,session]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.guard.GuardBench "$@"
echo "uptime: $(uptime)"
