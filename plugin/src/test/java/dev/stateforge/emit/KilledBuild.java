package dev.stateforge.emit;

import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a tree but dies partway, as a {@code kill -9} would: no step after the kill point runs, nothing is cleaned up. */
public final class KilledBuild {
  private KilledBuild() {}

  /** Dies right after the step named {@code step} (a path, {@link OutputMarker#PATH} for the commit). */
  public static void syncKilledAfter(Path out, RenderedTree tree, String step) throws IOException, OutputException {
    boolean[] done = {false};
    FileSystemOutputTree.sync(out, tree, next -> {
      if (done[0]) {
        throw new IOException("killed after " + step);
      }
      done[0] = next.equals(step);
    });
  }

  /** Dies before the step with index {@code n} (0 is the first rename); returns whether it died. */
  static boolean syncKilledAt(Path out, RenderedTree tree, int n) throws IOException, OutputException {
    int[] steps = {0};
    try {
      FileSystemOutputTree.sync(out, tree, next -> {
        if (steps[0]++ == n) {
          throw new IOException("killed before " + next);
        }
      });
      return false;
    } catch (IOException e) {
      if (!e.getMessage().startsWith("killed")) {
        throw e;
      }
      return true;
    }
  }
}
