package dev.stateforge.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which SARIF report the build state's findings were last written to, so that an up-to-date build
 * need not render the report again only to find it unchanged (for 1,000 apps, rendering is a tenth
 * of the no-op build). Kept beside the state as one line: the report's path, and the attributes
 * (size, mtime, inode) of the state file and of the report as the build that wrote both left them.
 * While both are as recorded, the report holds exactly the findings the state replays; anything
 * else (another report path, a state written since, a report edited or removed, no stamp) renders
 * and compares as before.
 */
final class ReportStamp {
  private final Path stamp;
  private final Path state;
  private final Path report;

  private ReportStamp(Path stamp, Path state, Path report) {
    this.stamp = stamp;
    this.state = state;
    this.report = report;
  }

  /** The stamp of this state and report; null when there is no state or no report. */
  static ReportStamp of(File stateFile, File reportFile) {
    if (stateFile == null || reportFile == null) {
      return null;
    }
    Path state = stateFile.toPath().toAbsolutePath();
    return new ReportStamp(state.resolveSibling(state.getFileName() + ".report"), state, reportFile.toPath().toAbsolutePath());
  }

  /** Whether the report still holds what the state's build wrote to it. */
  boolean holds() {
    try {
      return Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS) && Files.size(stamp) < 64 * 1024
          && Files.readString(stamp, StandardCharsets.UTF_8).equals(line());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Records the report as just written (or found unchanged); rewrites the stamp only when it differs. */
  void record() throws IOException {
    if (holds()) {
      return;
    }
    String line = line();
    if (line == null) {
      Files.deleteIfExists(stamp); // no state was kept (a failed or unrecorded build): no stamp either
      return;
    }
    Files.deleteIfExists(stamp); // never written through a link
    Files.writeString(stamp, line, StandardCharsets.UTF_8);
  }

  void forget() throws IOException {
    Files.deleteIfExists(stamp);
  }

  /** The line for the files as they are now; null when the state or the report is not a regular file. */
  private String line() {
    String stateAttributes = attributes(state);
    String reportAttributes = attributes(report);
    if (stateAttributes.isEmpty() || reportAttributes.isEmpty()) {
      return null;
    }
    return "report " + report + "\tstate " + stateAttributes + "\tsarif " + reportAttributes + "\n";
  }

  /** Size, mtime to the nanosecond and inode of a regular file; empty for anything else. */
  private static String attributes(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? a.size() + " " + a.lastModifiedTime().toInstant() + " " + a.fileKey() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
