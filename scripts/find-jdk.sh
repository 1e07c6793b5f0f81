# Sourced (POSIX sh) by ./mvnw, ./curfew, .ci/run and bench scripts: exports JAVA_HOME pointing at a
# JDK >= 21, or exits 1 with a clear message. Order: $JAVA_HOME if it is one; the newest JDK under
# /usr/lib/jvm; the JDK that `java` on the PATH belongs to.

# The major version of the JDK in directory $1 (25 for 25.0.1, 8 for 1.8.0), or nothing.
_curfew_java_major() {
  _v=""
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  fi
  if [ -z "$_v" ]; then
    _v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$_v" in 1.*) _v=${_v#1.} ;; esac
  _v=${_v%%[.+-]*}
  case "$_v" in ''|*[!0-9]*) ;; *) echo "$_v" ;; esac
}

_curfew_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    _m=$(_curfew_java_major "$JAVA_HOME")
    if [ -n "$_m" ] && [ "$_m" -ge 21 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  _best="" _best_major=0
  for _dir in /usr/lib/jvm/*; do
    [ -x "$_dir/bin/javac" ] || continue
    _m=$(_curfew_java_major "$_dir")
    if [ -n "$_m" ] && [ "$_m" -ge 21 ] && [ "$_m" -gt "$_best_major" ]; then
      _best=$_dir _best_major=$_m
    fi
  done
  if [ -z "$_best" ] && command -v java >/dev/null 2>&1; then
    _dir=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    _m=$(_curfew_java_major "$_dir")
    if [ -n "$_m" ] && [ "$_m" -ge 21 ]; then _best=$_dir; fi
  fi
  if [ -z "$_best" ]; then
    echo "Curfew needs a JDK 21 or newer: none found in JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm or on the PATH." >&2
    echo "Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}

_curfew_find_jdk || exit 1
