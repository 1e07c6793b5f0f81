# Sourced by Curfew's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21; the newest JDK under /usr/lib/jvm that is >= 21; java on the PATH if >= 21.
_curfew_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}
_curfew_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(_curfew_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(_curfew_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$dir; best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(_curfew_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best=$dir; fi
  fi
  if [ -z "$best" ]; then
    echo "Curfew needs a JDK 21 or newer: none found in JAVA_HOME, /usr/lib/jvm or on the PATH." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
_curfew_find_jdk || exit 1
