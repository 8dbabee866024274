# Uploads the staged dump as one snapshot; BACKUP_TIME, when set, dates it (for backfills).
set -- --host "$APP" --tag stateforge --stdin --stdin-filename "$APP.$EXT"
if [ -n "${BACKUP_TIME:-}" ]; then set -- "$@" --time "$BACKUP_TIME"; fi
restic backup --quiet "$@" < "$SCRATCH_DIR/$APP.$EXT"
rm -f "$SCRATCH_DIR/$APP.$EXT"
echo "backup of $APP uploaded to $RESTIC_REPOSITORY"
