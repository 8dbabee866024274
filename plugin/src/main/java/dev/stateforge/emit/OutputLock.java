package dev.stateforge.emit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An exclusive lock on one output directory, held from reading the previous output to writing the
 * new one, so two builds into one folder run one after the other: the second compares with the
 * first's output instead of silently replacing it. Two levels, because a file lock belongs to the
 * whole JVM (a second {@code tryLock} in it throws {@link OverlappingFileLockException}): an
 * in-JVM semaphore for parallel Mojo executions ({@code mvn -T}), then a file lock for other
 * processes, which the operating system releases when a build is killed.
 *
 * <p>The lock file is {@code .stateforge/lock} in the output directory, ignored by Git through the
 * marker folder's {@code .gitignore}, and kept. It stays empty, never written once it exists, so a
 * build that changes nothing touches no modification time in the output; a build that gives up
 * waiting names the holder from the kernel's lock table ({@link LockOwner}). The one exception: a
 * build that had to create the output directory and then wrote nothing (it failed) removes the lock
 * file and the folders again,
 * so a failed first build leaves nothing. A build that was waiting on the removed file notices,
 * because the path no longer names the file it locked (compared by file key, never by opening the
 * file again: closing any other descriptor of a file drops a POSIX lock), and locks the new one.
 */
public final class OutputLock implements AutoCloseable {
  /** How long a build waits for another build into the same folder before it fails. */
  public static final Duration WAIT = Duration.ofMinutes(2);
  private static final long POLL_MILLIS = 50;
  private static final ConcurrentMap<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

  private final Semaphore jvmLock;
  private final Path root;
  private final boolean createdRoot;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Semaphore jvmLock, Path root, boolean createdRoot, FileChannel channel, FileLock lock) {
    this.jvmLock = jvmLock;
    this.root = root;
    this.createdRoot = createdRoot;
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
    while (true) {
      boolean createdRoot = !Files.exists(root);
      Object before;
      FileChannel channel;
      try {
        Files.createDirectories(folder);
        before = fileKey(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        continue; // a failed first build removed the folders just now
      }
      Object opened = fileKey(file);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // another class loader of this JVM (a second plugin version) holds it: wait like for a process
      }
      if (lock != null && (before == null || before.equals(opened)) && opened != null && opened.equals(fileKey(file))) {
        return new OutputLock(jvmLock, root, createdRoot, channel, lock);
      }
      if (lock != null) {
        lock.release(); // the holder removed the file we locked: lock the one the path names now
        channel.close();
        continue;
      }
      channel.close();
      if (System.nanoTime() > deadline) {
        throw busy(root, wait, "another build (" + LockOwner.describe(file, fileKey(file)) + ")");
      }
      sleep();
    }
  }

  /** The file's identity (device and inode), or null when it is not there or the file system has none. */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      return null;
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
      boolean removed = createdRoot && holdsNothingElse() && Files.deleteIfExists(lockFile(root));
      lock.release();
      channel.close();
      if (removed) {
        Files.deleteIfExists(lockFile(root).getParent());
        Files.deleteIfExists(root);
      }
    } catch (DirectoryNotEmptyException e) {
      // another build wrote in the meantime: its files stay
    } finally {
      jvmLock.release();
    }
  }

  /** Whether the output directory holds only the lock: the build that created it wrote nothing. */
  private boolean holdsNothingElse() throws IOException {
    try (Stream<Path> top = Files.list(root); Stream<Path> marker = Files.list(lockFile(root).getParent())) {
      return top.count() == 1 && marker.count() == 1;
    }
  }
}
