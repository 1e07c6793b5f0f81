#!/usr/bin/env bash
# Measures the delivery of OpenID Connect back-channel logout tokens after a realm sign-out of 100,000 sessions,
# on the real server in-process (embedded PostgreSQL 18 by default), to a receiver in the same JVM on 127.0.0.1:
# API answer, time until every token is queued, until the receiver holds all of them, tokens/s, with RS256 and
# ES256 realm keys side by side. Bounded (--max-minutes, default 20). Temporary files are removed at the end.
# With --baseline=REF (a commit that has this benchmark), the same measurement runs first on REF's code, built in
# a temporary directory, then on this tree: before and after a change, in one run.
# Usage: bench/delivery.sh [--baseline=REF] [--sessions=100000] [--algs=RS256,ES256] [--db=pg]
#                          [--variant=NAME:key=value,...] [--max-minutes=20] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
baseline=""
args=()
for arg in "$@"; do
  case "$arg" in
    --baseline=*) baseline="${arg#--baseline=}" ;;
    *) args+=("$arg") ;;
  esac
done
. bench/jars.sh
build_jars_if_stale
run() {  # run JAR LABEL
  echo "==== $2 ===="
  echo "uptime: $(uptime)"
  "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC -cp "$1" dev.curfew.bench.delivery.DeliveryBench "${args[@]}"
  echo "uptime: $(uptime)"
}
if [ -n "$baseline" ]; then
  commit=$(git rev-parse --short "$baseline^{commit}")
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/curfew-delivery-baseline-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "building the baseline $baseline ($commit) in $tmp"
  git archive "$commit" | tar -x -C "$tmp"
  (cd "$tmp" && ./mvnw -q -B -DskipTests -pl bench -am package)
  run "$tmp/bench/target/curfew-bench.jar" "baseline $baseline ($commit)"
  run bench/target/curfew-bench.jar "this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ', with uncommitted changes'))"
else
  run bench/target/curfew-bench.jar "this tree"
fi
