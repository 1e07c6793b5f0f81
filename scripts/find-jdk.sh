# Sourced by ./curfew and .ci/run: find_jdk prints the home of a JDK >= MIN_JAVA (default 21):
# JAVA_HOME if it is one, else the newest under /usr/lib/jvm, else the one `java` on the PATH belongs to.
# It returns 1 when there is none. Messages go to stderr.

MIN_JAVA="${MIN_JAVA:-21}"

# The major version of the JDK in directory $1 (25 for 25.0.1, 8 for 1.8.0), or nothing.
java_major() {
  local home="$1" version=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")"
  fi
  if [[ -z "$version" ]]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  [[ "$version" == 1.* ]] && version="${version#1.}"
  version="${version%%[.+-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version"
  return 0
}

find_jdk() {
  local major
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major="$(java_major "$JAVA_HOME")"
    if [[ -n "$major" && "$major" -ge $MIN_JAVA ]]; then
      echo "$JAVA_HOME"
      return 0
    fi
    echo "JAVA_HOME=$JAVA_HOME is not a JDK $MIN_JAVA or newer (found: ${major:-none}); looking elsewhere" >&2
  fi
  local best="" best_major=0 dir
  for dir in /usr/lib/jvm/*/; do
    [[ -d "$dir" ]] || continue
    dir="${dir%/}"
    major="$(java_major "$dir")"
    if [[ -n "$major" && "$major" -ge $MIN_JAVA && "$major" -gt $best_major ]]; then
      best="$dir"
      best_major="$major"
    fi
  done
  if [[ -n "$best" ]]; then
    echo "$best"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    local home
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    major="$(java_major "$home")"
    if [[ -n "$major" && "$major" -ge $MIN_JAVA ]]; then
      echo "$home"
      return 0
    fi
  fi
  return 1
}
