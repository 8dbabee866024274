package dev.stateforge.diag;

import java.io.File;
import java.nio.file.Path;

/**
 * How messages and reports name a file: relative to a root (the project, or the output tree),
 * {@code /}-separated on every platform, so the same build prints the same names everywhere.
 */
public final class DisplayPath {
  private DisplayPath() {}

  /** {@code path} relative to {@code root} when it is inside it, else absolute. */
  public static String of(Path root, Path path) {
    Path base = root.toAbsolutePath().normalize();
    Path abs = path.toAbsolutePath().normalize();
    return slashes(abs.startsWith(base) ? base.relativize(abs) : abs);
  }

  /** {@code path}, which is below {@code root}, relative to it. */
  public static String relative(Path root, Path path) {
    return slashes(root.relativize(path));
  }

  private static String slashes(Path path) {
    return path.toString().replace(File.separatorChar, '/');
  }
}
