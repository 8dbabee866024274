# Opens the restic repository, or stops the Job with a message naming it. restic 0.17 added exit
# codes 10 (no repository) and 12 (wrong password); older versions are known by their messages.
export RESTIC_CACHE_DIR="$SCRATCH_DIR/restic-cache"
status=0
restic cat config > /dev/null 2> "$SCRATCH_DIR/restic-open.err" || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 12 ] || grep -q -i -e 'wrong password' -e 'no key found' "$SCRATCH_DIR/restic-open.err"; then
    cat "$SCRATCH_DIR/restic-open.err" >&2
    echo "stateforge: the repository password does not open $RESTIC_REPOSITORY (wrong password Secret?)" >&2
    exit 1
  elif [ "$status" -eq 10 ] || grep -q -e 'Is there a repository at the following location' -e 'repository does not exist' "$SCRATCH_DIR/restic-open.err"; then
@MISSING@
  else
    cat "$SCRATCH_DIR/restic-open.err" >&2
    echo "stateforge: cannot open the restic repository at $RESTIC_REPOSITORY" >&2
    exit 1
  fi
fi
