package dev.stateforge.emit;

import java.nio.file.Path;
import java.time.Duration;

/** Run in a JVM of its own: holds the lock of the output directory in args[0] until its stdin closes. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), Duration.ofSeconds(10))) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the test to close stdin
      }
    }
  }
}
