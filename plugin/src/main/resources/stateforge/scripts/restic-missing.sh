    cat "$SCRATCH_DIR/restic-open.err" >&2
    echo "stateforge: no restic repository at $RESTIC_REPOSITORY: check the endpoint, bucket and path" >&2
    exit 1
