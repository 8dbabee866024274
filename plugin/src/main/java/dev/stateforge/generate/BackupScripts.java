package dev.stateforge.generate;

/**
 * The shell around the engine's commands in backup, restore and restore-test Jobs. The three agree
 * on one naming scheme: {@code $BACKUP_DIR/<app>-<UTC timestamp>.<ext>.gz}, each with a {@code .sha256}
 * beside it. Timestamps sort as text, so "newest" is a plain reverse sort. Every script stops at the
 * first failing command (set -eu, no pipes that could hide one), so a failure fails the Job.
 */
final class BackupScripts {
  private BackupScripts() {}

  /**
   * Dumps to scratch space, compresses into a hidden partial file (removed if anything fails),
   * checksums, publishes by rename, then prunes to $KEEP.
   */
  static String backup(String dumpCommand) {
    return """
        set -eu
        cd "$BACKUP_DIR"
        name="$APP-$(date -u +%Y%m%dT%H%M%SZ).$EXT"
        export DUMP_FILE="$SCRATCH_DIR/$name"
        trap 'rm -f ".$name.gz.partial"' EXIT
        """ + dumpCommand.strip() + "\n" + """
        gzip -c "$DUMP_FILE" > ".$name.gz.partial"
        rm -f "$DUMP_FILE"
        mv ".$name.gz.partial" "$name.gz"
        sha256sum "$name.gz" > "$name.gz.sha256"
        ls -1 | grep -E "^$APP-[0-9]{8}T[0-9]{6}Z\\\\.$EXT\\\\.gz$" | sort -r > .backups
        tail -n +$((KEEP + 1)) .backups > .expired
        while read -r old; do rm -f "$old" "$old.sha256"; done < .expired
        rm -f .backups .expired
        echo "backup $name.gz written; keeping the newest $KEEP"
        """;
  }

  /** Picks $RESTORE_FILE or the newest backup, checks its checksum, unpacks it to scratch space, then runs {@code action}. */
  static String restore(String action, String done) {
    return """
        set -eu
        cd "$BACKUP_DIR"
        file="${RESTORE_FILE:-}"
        if [ -z "$file" ]; then
          ls -1 | grep -E "^$APP-[0-9]{8}T[0-9]{6}Z\\\\.$EXT\\\\.gz$" | sort -r > "$SCRATCH_DIR/backups"
          file="$(head -n 1 "$SCRATCH_DIR/backups")"
        fi
        if [ -z "$file" ]; then echo "no backup of $APP in $BACKUP_DIR" >&2; exit 1; fi
        sha256sum -c "$file.sha256"
        export DUMP_FILE="$SCRATCH_DIR/${file%.gz}"
        gunzip -c "$file" > "$DUMP_FILE"
        """ + action.strip() + "\n" + "echo \"" + done + " $file\"\n";
  }
}
