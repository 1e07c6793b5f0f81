# Sourced by the bench scripts (from the repository's root) that run Curfew the way operators do, through its
# launcher `./curfew start`: with the launcher's JVM options and its class archive (operator guide, "Start-up time").
#
# After a build, the launcher's first start records the classes it uses, and its second makes the AOT cache from that
# record in a JVM of its own, detached, at low priority (on JDK 21-24: the first start writes a class-data-sharing
# archive when it stops). A start measured before that would be counted the recording, or the making of the cache,
# and would not be the start operators get from then on. So a script calls prepare_launcher_archive first.

# prepare_launcher_archive ROOT SCRATCH [NAME=VALUE...]
#   Two starts of ROOT/curfew on the scratch data directory SCRATCH (removed afterwards), each stopped once it has
#   logged "Started in" (by then a start that records its classes has marked its record as one of a start that
#   served, which the launcher requires of a record it makes the cache from), with the NAME=VALUE pairs in their
#   environment (CURFEW_JAVA_OPTS is part of the archive's name: give the same one the measured starts get); then
#   waits, at most 5 minutes, until no JVM is making the cache of ROOT's jar. Prints the archive that the next starts
#   use. With an archive already made, it costs two quick starts.
prepare_launcher_archive() {
  local root=$1 scratch=$2 round port pid
  shift 2
  local target="$root/curfew-server/target"
  for round in 1 2; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    env "$@" "$root/curfew" start --http-host 127.0.0.1 --http-port "$port" --data-dir "$scratch" \
      >"$scratch.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 1200); do
      grep -q "Started in" "$scratch.log" && break
      kill -0 "$pid" 2>/dev/null || { echo "$root/curfew did not start; log:" >&2; tail -n 30 "$scratch.log" >&2; return 1; }
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 3000); do
    pgrep -f -- "-XX:AOTMode=create .*$target/curfew.jar" >/dev/null || break
    sleep 0.1
  done
  rm -rf "$scratch" "$scratch.log"
  local archives
  archives=$(ls "$target"/curfew-*.aot "$target"/curfew-*.jsa 2>/dev/null || true)
  echo "launcher archive: ${archives:-none (the starts will run without one)}"
}
