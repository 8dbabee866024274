package dev.stateforge.emit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * An exclusive lock on one output directory, held from reading the previous output to writing the
 * new one, so two builds into one folder run one after the other: the second compares with the
 * first's output instead of silently replacing it. Two levels, because a file lock belongs to the
 * whole JVM (a second {@code tryLock} in it throws {@link OverlappingFileLockException}): an
 * in-JVM semaphore for parallel Mojo executions ({@code mvn -T}), then a file lock for other
 * processes, which the operating system releases when a build is killed.
 *
 * <p>The lock file is {@code .stateforge/lock} in the output directory, ignored by Git through the
 * marker folder's {@code .gitignore}. It is never deleted: deleting a lock file that another build
 * has open lets two builds lock two different files. Nothing but the lock's channel opens it while
 * it is held, because closing any other descriptor of the file drops a POSIX lock.
 */
public final class OutputLock implements AutoCloseable {
  /** How long a build waits for another build into the same folder before it fails. */
  public static final Duration WAIT = Duration.ofMinutes(2);
  private static final long POLL_MILLIS = 50;
  private static final ConcurrentMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

  private final Semaphore jvmLock;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Semaphore jvmLock, FileChannel channel, FileLock lock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an output directory, given as its real path. */
  public static Path lockFile(Path root) {
    return root.resolve(LOCK_FILE);
  }

  static final String LOCK_FILE = ".stateforge/lock";

  /** Locks {@code root} (the output directory's real path), waiting up to {@code wait}. */
  public static OutputLock acquire(Path root, Duration wait) throws IOException, OutputException {
    long deadline = System.nanoTime() + wait.toNanos();
    Semaphore jvmLock = IN_JVM.computeIfAbsent(root, r -> new Semaphore(1, true));
    try {
      if (!jvmLock.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(root, wait, "another build in this JVM (a parallel module of mvn -T)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the lock on " + root, e);
    }
    try {
      return lockFile(root, jvmLock, deadline, wait);
    } catch (IOException | OutputException | RuntimeException e) {
      jvmLock.release();
      throw e;
    }
  }

  private static OutputLock lockFile(Path root, Semaphore jvmLock, long deadline, Duration wait)
      throws IOException, OutputException {
    Path file = lockFile(root);
    Path folder = file.getParent();
    if (Files.isSymbolicLink(folder) || Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new OutputException(OutputException.NOT_DIRECTORY, folder + " is not the folder Stateforge keeps its marker in",
          "remove it or move it away; Stateforge writes only into real folders inside the output directory");
    }
    Files.createDirectories(folder);
    byte[] holder = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
    while (true) {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // another class loader of this JVM (a second plugin version) holds it: wait like for a process
      }
      if (lock != null) {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder), 0);
        return new OutputLock(jvmLock, channel, lock);
      }
      channel.close();
      if (System.nanoTime() > deadline) {
        throw busy(root, wait, "another build (" + holder(file) + ")");
      }
      sleep();
    }
  }

  /** Who holds the lock, as it wrote; reading it is safe for a build that holds no lock on the file. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
      return pid.isEmpty() ? "lock file " + file : "process " + pid + ", lock file " + file;
    } catch (IOException e) {
      return "lock file " + file;
    }
  }

  private static OutputException busy(Path root, Duration wait, String who) {
    return new OutputException(OutputException.LOCKED, who + " is writing the output directory " + root
        + "; gave up after waiting " + wait.toSeconds() + " s",
        "let the other build finish, or give each build (each module of a multi-module project) an outputDirectory of its own");
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for an output lock", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      jvmLock.release();
    }
  }
}
