package dev.stateforge.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where something came from: a file relative to the project base directory ({@code /}-separated),
 * and a 1-based line, or 0 when the line is unknown.
 */
public record Location(String file, int line) implements Comparable<Location> {

  /** For problems that belong to no file, such as a bad plugin parameter. */
  public static final Location NONE = new Location("", 0);

  private static final Comparator<Location> ORDER =
      Comparator.comparing(Location::file).thenComparingInt(Location::line);

  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  public static Location of(String file, int line) {
    return new Location(file, Math.max(line, 0));
  }

  /** {@code file:line}, {@code file} when the line is unknown, or an empty string. */
  @Override
  public String toString() {
    if (file.isEmpty()) {
      return "";
    }
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public int compareTo(Location other) {
    return ORDER.compare(this, other);
  }
}
