    echo "stateforge: no restic repository at $RESTIC_REPOSITORY yet: creating one"
    restic init
