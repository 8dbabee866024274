package dev.stateforge.emit;

import dev.stateforge.diag.DisplayPath;
import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Replaces Stateforge's files in the output directory in place, so the folder itself (and a
 * {@code .git}, a README or any other file in it) stays, as one transaction whose commit point is
 * the rename of the marker:
 *
 * <ol>
 *   <li>stage: every changed file is written under {@code .stateforge/pending/new/}, then the list
 *       of changed paths and, last, the new marker ({@code pending/manifest}, by rename): until it
 *       exists the output is untouched;
 *   <li>apply: each changed file is renamed over its path (a reader sees the whole old file or the
 *       whole new one, never a part), after a hard link (or copy) of the old one is kept in
 *       {@code pending/old/}; files the build no longer produces are renamed into {@code pending/old/};
 *   <li>commit: the staged marker is renamed over {@code .stateforge/manifest};
 *   <li>clean up: {@code pending/} is deleted, and folders that removed files leave empty.
 * </ol>
 *
 * A build killed before the commit is rolled back by the next one ({@link #recover}): the kept old
 * files are renamed back and the new files it placed are deleted (only those whose bytes match the
 * staged marker), so the previous build's files are exactly as they were, and its marker still
 * lists them. A build killed after the commit is complete; the next one only cleans up.
 */
final class OutputTransaction {
  /** The staging folder's name, under {@code .stateforge/}. */
  static final String PENDING = "pending";
  private static final String NEW = "new";
  private static final String OLD = "old";
  private static final String MARKER = "manifest";
  private static final String CHANGES = "changes";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** Called before each step that changes the output; tests throw from it to simulate a kill. */
  interface Steps {
    Steps NONE = step -> {};

    void before(String step) throws IOException;
  }

  private OutputTransaction() {}

  static Path pending(Path root) {
    return root.resolve(".stateforge").resolve(PENDING);
  }

  /**
   * Writes {@code next} (paths to bytes, without the marker) and {@code marker} over the files now
   * in the output ({@code onDisk}, Stateforge's own); {@code listedBefore} are the paths of the
   * previous marker, those not in {@code next} are removed.
   */
  static void apply(Path root, Map<String, byte[]> onDisk, SortedMap<String, byte[]> next, byte[] marker,
      Collection<String> listedBefore, Steps steps) throws IOException {
    Path pending = pending(root);
    deleteTree(pending);
    Files.createDirectories(pending);
    List<String> changed = next.keySet().stream().filter(p -> !Arrays.equals(onDisk.get(p), next.get(p))).toList();
    stage(pending.resolve(NEW), changed, next);
    Files.writeString(pending.resolve(CHANGES), String.join("\n", changed) + "\n", StandardCharsets.UTF_8);
    Path stagedMarker = pending.resolve(MARKER);
    Files.write(pending.resolve(MARKER + ".tmp"), marker);
    move(pending.resolve(MARKER + ".tmp"), stagedMarker);

    for (String path : changed) {
      steps.before(path);
      Path target = root.resolve(path);
      if (Files.exists(target, NOFOLLOW)) {
        keep(target, pending.resolve(OLD).resolve(path));
      }
      Files.createDirectories(target.getParent());
      move(pending.resolve(NEW).resolve(path), target);
    }
    List<String> removed = listedBefore.stream().filter(p -> !next.containsKey(p)).sorted().toList();
    for (String path : removed) {
      steps.before(path);
      Path target = root.resolve(path);
      if (Files.isRegularFile(target, NOFOLLOW)) {
        Path kept = pending.resolve(OLD).resolve(path);
        Files.createDirectories(kept.getParent());
        move(target, kept);
      }
    }
    steps.before(OutputMarker.PATH);
    move(stagedMarker, root.resolve(OutputMarker.PATH));

    steps.before("clean up");
    deleteTree(pending);
    for (String path : removed) {
      removeEmptyFolders(root, path);
    }
  }

  /**
   * Finishes or rolls back a transaction that a killed build left in {@code root}; what it did, or
   * empty when there was none.
   */
  static Optional<String> recover(Path root) throws IOException {
    Path pending = pending(root);
    if (!Files.exists(pending, NOFOLLOW)) {
      return Optional.empty();
    }
    byte[] staged = readIfFile(pending.resolve(MARKER));
    byte[] current = readIfFile(root.resolve(OutputMarker.PATH));
    if (staged == null || !Files.isDirectory(pending, NOFOLLOW)) {
      deleteTree(pending);
      return Optional.of("removed the staged files of a build that was interrupted before it changed the output");
    }
    if (Arrays.equals(staged, current)) {
      Set<String> kept = files(pending.resolve(OLD));
      deleteTree(pending);
      for (String path : kept) {
        removeEmptyFolders(root, path);
      }
      return Optional.of("finished a build that was interrupted after it had written the output");
    }
    Set<String> before = current == null ? Set.of()
        : OutputMarker.parse(current).map(m -> m.files().keySet()).orElse(Set.of());
    Optional<OutputMarker> next = OutputMarker.parse(staged);
    int restored = 0;
    for (String path : files(pending.resolve(OLD))) {
      Path target = root.resolve(path);
      Files.createDirectories(target.getParent());
      move(pending.resolve(OLD).resolve(path), target);
      restored++;
    }
    int deleted = 0;
    List<String> changes = Files.isRegularFile(pending.resolve(CHANGES), NOFOLLOW)
        ? Files.readAllLines(pending.resolve(CHANGES), StandardCharsets.UTF_8) : List.of();
    for (String path : changes) {
      Path target = root.resolve(path);
      // Only a file this build placed: new to the marker, moved out of staging, and with the staged bytes.
      if (path.isEmpty() || before.contains(path) || Files.exists(pending.resolve(NEW).resolve(path), NOFOLLOW)
          || !Files.isRegularFile(target, NOFOLLOW) || next.isEmpty() || !next.get().wrote(path, Files.readAllBytes(target))) {
        continue;
      }
      Files.delete(target);
      removeEmptyFolders(root, path);
      deleted++;
    }
    deleteTree(pending);
    return Optional.of("rolled back a build that was interrupted while writing the output: " + restored
        + " file(s) restored, " + deleted + " removed");
  }

  /** Where the previous build's bytes are while a transaction is not committed, or empty. */
  static Optional<Path> uncommittedOld(Path root) throws IOException {
    Path pending = pending(root);
    byte[] staged = readIfFile(pending.resolve(MARKER));
    if (staged == null || Arrays.equals(staged, readIfFile(root.resolve(OutputMarker.PATH)))) {
      return Optional.empty();
    }
    return Optional.of(pending.resolve(OLD));
  }

  /** Creates the folders, then writes the files in parallel: on some file systems each create waits on the disk. */
  private static void stage(Path staging, List<String> paths, Map<String, byte[]> files) throws IOException {
    Set<Path> folders = new TreeSet<>();
    for (String path : paths) {
      folders.add(staging.resolve(path).getParent());
    }
    for (Path folder : folders) {
      Files.createDirectories(folder);
    }
    try {
      paths.parallelStream().forEach(path -> {
        try {
          Files.write(staging.resolve(path), files.get(path));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Keeps the bytes of {@code file} at {@code kept}: a hard link costs nothing; a copy where links are not supported. */
  private static void keep(Path file, Path kept) throws IOException {
    Files.createDirectories(kept.getParent());
    try {
      Files.createLink(kept, file);
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(kept);
      Files.copy(file, kept, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** A rename that replaces the target in one step. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static byte[] readIfFile(Path file) throws IOException {
    if (!Files.isRegularFile(file, NOFOLLOW) || Files.size(file) > OutputMarker.MAX_BYTES) {
      return null;
    }
    return Files.readAllBytes(file);
  }

  /** The regular files below {@code dir}, as {@code /}-separated relative paths. */
  private static Set<String> files(Path dir) throws IOException {
    Set<String> paths = new TreeSet<>();
    if (Files.isDirectory(dir, NOFOLLOW)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> Files.isRegularFile(p, NOFOLLOW))
            .forEach(p -> paths.add(DisplayPath.relative(dir, p)));
      }
    }
    return paths;
  }

  /** Deletes the folders above {@code path} that are empty now, up to (not including) {@code root}. */
  static void removeEmptyFolders(Path root, String path) throws IOException {
    for (Path dir = root.resolve(path).getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /** Deletes a tree of Stateforge's own; a symbolic link inside is deleted, never followed. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      Files.delete(dir);
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
