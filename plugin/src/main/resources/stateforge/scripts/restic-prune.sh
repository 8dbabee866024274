# Forgets what the KEEP_ rules do not keep, prunes, then checks the structure and a part of the data.
set -- --host "$APP" --tag stateforge
for rule in "last:$KEEP_LAST" "daily:$KEEP_DAILY" "weekly:$KEEP_WEEKLY" "monthly:$KEEP_MONTHLY" "yearly:$KEEP_YEARLY"; do
  if [ "${rule#*:}" -gt 0 ]; then set -- "$@" "--keep-${rule%%:*}" "${rule#*:}"; fi
done
if [ "$#" -eq 4 ]; then echo "stateforge: every KEEP_ rule is 0: refusing to forget every snapshot" >&2; exit 1; fi
restic forget --prune "$@"
if ! restic check --read-data-subset="$CHECK_READ_DATA"; then
  echo "stateforge: restic check found errors in $RESTIC_REPOSITORY: the backups may not restore" >&2
  exit 1
fi
echo "pruned and checked $RESTIC_REPOSITORY"
