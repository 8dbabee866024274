# Picks RESTORE_SNAPSHOT, or the newest snapshot at or before RESTORE_BEFORE (UTC), or the newest,
# and writes its dump to $SCRATCH_DIR/$APP.$EXT. restic checks every chunk it reads against its
# MAC, so a damaged repository fails here.
snapshot="${RESTORE_SNAPSHOT:-}"
if [ -z "$snapshot" ]; then
  before=99999999999999
  if [ -n "${RESTORE_BEFORE:-}" ]; then
    before="$(printf '%s' "$RESTORE_BEFORE" | tr -cd 0-9)"
    case "${#before}" in
      8) before="${before}000000" ;;
      12) before="${before}00" ;;
      14) ;;
      *) echo "stateforge: RESTORE_BEFORE=$RESTORE_BEFORE is not a UTC time such as 2026-11-25T02:00:00Z" >&2; exit 1 ;;
    esac
  fi
  restic snapshots --json --host "$APP" --tag stateforge > "$SCRATCH_DIR/snapshots.json"
  # One line of JSON; each snapshot starts with {"time":"…", in UTC (the containers set TZ=UTC).
  awk -v before="$before" 'BEGIN { q = sprintf("%c", 34) } {
    n = split($0, s, /[{]"time":"/)
    for (i = 2; i <= n; i++) {
      t = substr(s[i], 1, index(s[i], q) - 1)
      j = index(s[i], q "short_id" q ":" q)
      id = substr(s[i], j + 12); id = substr(id, 1, index(id, q) - 1)
      if (j == 0 || t !~ /Z$/) {
        print "stateforge: snapshot " id " has the time " t ", not UTC: name it in RESTORE_SNAPSHOT" > "/dev/stderr"
        exit 1
      }
      stamp = substr(t, 1, 4) substr(t, 6, 2) substr(t, 9, 2) substr(t, 12, 2) substr(t, 15, 2) substr(t, 18, 2)
      if (stamp + 0 <= before + 0 && stamp + 0 > best + 0) { best = stamp; chosen = id " " t }
    }
  } END { if (length(chosen) > 0) print chosen }' "$SCRATCH_DIR/snapshots.json" > "$SCRATCH_DIR/chosen"
  taken=
  read -r snapshot taken < "$SCRATCH_DIR/chosen" || true
  if [ -z "$snapshot" ]; then
    echo "stateforge: no snapshot of $APP${RESTORE_BEFORE:+ at or before $RESTORE_BEFORE} in $RESTIC_REPOSITORY" >&2
    exit 1
  fi
  echo "snapshot $snapshot taken $taken"
fi
if ! restic dump --quiet "$snapshot" "/$APP.$EXT" > "$SCRATCH_DIR/$APP.$EXT.partial"; then
  rm -f "$SCRATCH_DIR/$APP.$EXT.partial"
  echo "stateforge: restic could not read /$APP.$EXT of snapshot $snapshot from $RESTIC_REPOSITORY (a damaged repository, or no such snapshot)" >&2
  exit 1
fi
mv "$SCRATCH_DIR/$APP.$EXT.partial" "$SCRATCH_DIR/$APP.$EXT"
echo "$snapshot" > "$SCRATCH_DIR/snapshot"
echo "fetched /$APP.$EXT of snapshot $snapshot: $(wc -c < "$SCRATCH_DIR/$APP.$EXT") bytes"
