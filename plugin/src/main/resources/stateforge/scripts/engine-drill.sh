# The restore drill, after fetch: a throw-away server of the engine in $DRILL_DIR (an emptyDir of this
# pod, reachable only from it), loaded with the fetched snapshot, asked the smoke query, then stopped.
# Every step runs under set -eu; the trap names the step that failed and stops the server either way.
export DUMP_FILE="$SCRATCH_DIR/$APP.$EXT"
step="find the fetched dump"
drill_stop() {
@STOP@
}
drill_end() {
  status=$?
  trap - EXIT
  if [ -n "${started:-}" ]; then drill_stop > "$DRILL_DIR/stop.log" 2>&1 || true; fi
  if [ "$status" -ne 0 ]; then echo "stateforge: restore drill of $APP failed: could not $step" >&2; fi
  exit "$status"
}
trap drill_end EXIT
if [ ! -s "$DUMP_FILE" ]; then echo "stateforge: no fetched dump at $DUMP_FILE" >&2; exit 1; fi
snapshot="$(cat "$SCRATCH_DIR/snapshot")"
step="start a throw-away server and restore snapshot $snapshot into it"
started=yes
@START@
step="run the smoke query ($SMOKE_QUERY)"
answer="$(
@RUN@
)"
printf '%s\n' "$answer"
last="$(printf '%s\n' "$answer" | awk 'NF { line = $0 } END { print line }' | tr -d '[:space:]')"
step="get an answer to the smoke query ($SMOKE_QUERY): it returned ${last:-nothing}"
if [ -z "$last" ] || [ "$last" = 0 ]; then exit 1; fi
echo "restore drill passed: snapshot $snapshot of $APP restored into a throw-away server; the smoke query answered $last"
