package dev.stateforge.emit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds an output lock, for the message of a build that gave up waiting. The lock file carries
 * no pid (writing one would touch the output on every build): on Linux the kernel's lock table
 * ({@code /proc/locks}) names the process holding a lock on the file's inode; elsewhere, or when the
 * table does not say, the message names the lock file only.
 */
final class LockOwner {
  private static final Path LOCKS = Path.of("/proc/locks");
  /** {@code 1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF}: the pid, then major:minor:inode. */
  private static final Pattern ENTRY = Pattern.compile("^\\d+:\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+[0-9a-f]+:[0-9a-f]+:(\\d+)\\s");
  /** The inode in a Unix file key, {@code (dev=801,ino=1234567)}. */
  private static final Pattern INODE = Pattern.compile("ino=(\\d+)");

  private LockOwner() {}

  static String describe(Path file, Object fileKey) {
    String pid = fileKey == null ? null : pidOf(String.valueOf(fileKey), LOCKS);
    return pid == null ? "lock file " + file : "process " + pid + ", lock file " + file;
  }

  /** The pid holding a lock on the inode of {@code fileKey}, per a lock table in /proc/locks' format; null when none does. */
  static String pidOf(String fileKey, Path table) {
    Matcher inode = INODE.matcher(fileKey);
    if (!inode.find()) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        Matcher entry = ENTRY.matcher(line + " ");
        if (entry.find() && entry.group(2).equals(inode.group(1))) {
          return entry.group(1);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no lock table here (not Linux) or unreadable: the message names the file only
    }
    return null;
  }
}
