export DUMP_FILE="$SCRATCH_DIR/$APP.$EXT"
if [ ! -s "$DUMP_FILE" ]; then echo "stateforge: no fetched dump at $DUMP_FILE" >&2; exit 1; fi
@COMMAND@
echo "@DONE@ snapshot $(cat "$SCRATCH_DIR/snapshot") of $APP"
