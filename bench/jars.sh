# Sourced by the bench scripts (from the repository's root): builds curfew.jar and curfew-bench.jar when either is
# missing or older than a pom or a main source (curfew.jar: outside bench/), so that what is measured is the code
# checked out here.
stale() {
  [ -f "$1" ] || return 0
  [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$1" -type f -not -path "$2" -print -quit)" ]
}
build_jars_if_stale() {
  if stale curfew-server/target/curfew.jar './bench/*' || stale bench/target/curfew-bench.jar ''; then
    echo "building curfew.jar and curfew-bench.jar"
    ./mvnw -q -B -DskipTests -pl bench -am package
  fi
}
