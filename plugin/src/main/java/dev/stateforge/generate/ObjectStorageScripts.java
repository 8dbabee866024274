package dev.stateforge.generate;

import dev.stateforge.spec.EngineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell of object-storage backups, kept as POSIX sh files under {@code stateforge/scripts/} (so
 * they can be read and linted as scripts). The engine's image and the restic image meet in one
 * emptyDir: the dump is staged there as {@code $SCRATCH_DIR/$APP.$EXT} and uploaded from stdin under
 * that name, so every snapshot of an app holds one file, {@code /$APP.$EXT}, and consecutive dumps
 * share their unchanged chunks. Snapshots are made with {@code --host $APP --tag stateforge} (a pod's
 * host name changes on every run), and every read filters on both. Every script runs under set -eu
 * and fails the Job with a message naming the repository when restic cannot open it: a wrong
 * password is never taken for a missing repository, and only the backup creates one.
 */
final class ObjectStorageScripts {
  private ObjectStorageScripts() {}

  /** In the app's image: the engine's dump command writes $DUMP_FILE in the shared emptyDir. */
  static String dump(String dumpCommand) {
    return "set -eu\n" + read("engine-dump.sh").replace("@COMMAND@", dumpCommand.strip());
  }

  /** In the restic image: uploads the staged dump, creating the repository on the first backup. */
  static String upload() {
    return "set -eu\n" + open(true) + read("restic-upload.sh");
  }

  /** In the restic image: fetches the chosen snapshot's dump into the emptyDir. */
  static String fetch() {
    return "set -eu\n" + open(false) + read("restic-fetch.sh");
  }

  /** In the app's image, after fetch: runs {@code action} (restore or verify) on the fetched dump. */
  static String load(String action, String done) {
    return "set -eu\n" + read("engine-load.sh").replace("@DONE@", done).replace("@COMMAND@", action.strip());
  }

  /** In the app's image, after fetch: the restore drill around the engine's start, run and stop commands. */
  static String drill(EngineSpec.Drill drill) {
    return "set -eu\n" + read("engine-drill.sh")
        .replace("@STOP@", drill.stop().strip())
        .replace("@START@", drill.start().strip())
        .replace("@RUN@", drill.run().strip());
  }

  /** In the restic image: forgets by age, prunes, then checks. */
  static String prune() {
    return "set -eu\n" + open(false) + read("restic-prune.sh");
  }

  private static String open(boolean init) {
    return read("restic-open.sh").replace("@MISSING@\n", read(init ? "restic-init.sh" : "restic-missing.sh"));
  }

  private static String read(String name) {
    try (InputStream in = ObjectStorageScripts.class.getResourceAsStream("/stateforge/scripts/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
