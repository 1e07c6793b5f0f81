#!/usr/bin/env bash
# Measures sign-out on the real server, in-process, on a seeded H2 file database and an embedded PostgreSQL 18:
#   API answer time of POST /admin/realms/{realm}/sign-outs for realm, client, user and a ~10 % filter scope at
#   1,000 / 100,000 / 1,000,000 sessions, background clean-up time, seeding time, heap and bytes per session,
#   and the heap cost of a revoked session id. Only localhost; temporary files are removed at the end.
# Usage: bench/signout.sh [--quick] [--sizes=1000,100000,1000000] [--db=h2,pg] [--max-minutes=20] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
. bench/jars.sh
build_jars_if_stale
echo "uptime: $(uptime)"
# A fixed, modest heap, so the heap figures compare between runs; G1 as in production.
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC -cp bench/target/curfew-bench.jar \
  dev.curfew.bench.signout.SignOutBench "$@"
echo "uptime: $(uptime)"
