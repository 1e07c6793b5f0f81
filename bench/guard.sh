#!/usr/bin/env bash
# Figure (a): time from a sign-out's API answer to the first 401 at a resource server guarded by curfew-guard
#   (the sample server, Jetty 12 + CurfewGuardFilter, fed by Curfew's SSF poll stream), for user and session
#   sign-outs, p50/p90/p99 over --trials (default 200) after --warmup (default 20). Real server in-process on
#   127.0.0.1 with an in-memory H2 database; only localhost.
# Usage: bench/guard.sh [--trials=200] [--warmup=20] [--scopes=user,session]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
if [ ! -f bench/target/curfew-bench.jar ] || ! unzip -l bench/target/curfew-bench.jar | grep -q 'dev/curfew/bench/guard/GuardBench.class'; then
  ./mvnw -q -B -DskipTests -pl bench -am package
fi
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.guard.GuardBench "$@"
echo "uptime: $(uptime)"
