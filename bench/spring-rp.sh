#!/usr/bin/env bash
# Figure (b): time from Curfew's sign-out API answer to a real Spring Boot relying party's session being gone
# (OpenID Connect Back-Channel Logout into Spring Security 7), per scope (user, session), over N trials each.
# Curfew runs from the shaded jar; the Spring application and the measuring loop (SpringRpBench, in
# curfew-interop-spring's test tree, so Spring never enters bench/'s jar) in one JVM. Only talks to 127.0.0.1
# and localhost.
# Usage: bench/spring-rp.sh [--trials N] [--warmup N] [--scopes user,session]     (default 100, 10, both)
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
cp_file=curfew-interop-spring/target/bench-classpath.txt
./mvnw -q -B -DskipTests -DskipITs -pl curfew-interop-spring -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
"$JAVA_HOME/bin/java" -Dcurfew.jar=curfew-server/target/curfew.jar \
  -cp "curfew-interop-spring/target/test-classes:$(cat "$cp_file")" \
  dev.curfew.interop.spring.SpringRpBench "$@"
