export DUMP_FILE="$SCRATCH_DIR/$APP.$EXT"
rm -f "$DUMP_FILE"
@COMMAND@
if [ ! -s "$DUMP_FILE" ]; then echo "stateforge: the dump command wrote nothing to $DUMP_FILE" >&2; exit 1; fi
echo "dumped $APP: $(wc -c < "$DUMP_FILE") bytes"
