package dev.stateforge.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a rendered tree to disk so that the output directory always holds one whole build:
 *
 * <ul>
 *   <li>when the tree on disk already has the same bytes, nothing is touched (mtimes stay put);
 *   <li>otherwise the new tree is written to a temporary sibling directory and swapped in with
 *       renames, so files the specs no longer produce disappear with the old tree;
 *   <li>a directory that holds files Stateforge did not write is never replaced;
 *   <li>no path may leave the output directory.
 * </ul>
 */
public final class FileSystemOutputTree {

  /** What a write did. */
  public record WriteResult(boolean upToDate, int written, int removed) {}

  /** The output directory holds files that are not Stateforge's; replacing it would lose them. */
  public static final class ForeignOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    ForeignOutputException(String message) {
      super(message);
    }
  }

  private FileSystemOutputTree() {}

  public static WriteResult sync(Path outputDirectory, RenderedTree tree) throws IOException, ForeignOutputException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    for (String path : tree.files().keySet()) {
      resolveInside(root, path);
    }
    Map<String, byte[]> existing = Files.isDirectory(root) ? read(root) : Map.of();
    if (!existing.isEmpty() && !isOwnTree(existing)) {
      throw new ForeignOutputException("the output directory " + root + " holds files that Stateforge did not write "
          + "(no generated kustomization.yaml at its top); point outputDirectory at an empty or new directory");
    }
    if (RenderedTree.of(existing).sameAs(tree)) {
      return new WriteResult(true, 0, 0);
    }

    Path parent = root.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + root.getFileName() + ".stateforge-new-");
    try {
      writeAll(staging, tree);
      swap(root, staging);
    } finally {
      deleteRecursively(staging);
    }

    int written = 0;
    for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
      byte[] before = existing.get(file.getKey());
      if (before == null || !Arrays.equals(before, file.getValue())) {
        written++;
      }
    }
    int removed = (int) existing.keySet().stream().filter(p -> !tree.files().containsKey(p)).count();
    return new WriteResult(false, written, removed);
  }

  /** Creates the folders, then writes the files in parallel: on some file systems each create waits on the disk. */
  private static void writeAll(Path staging, RenderedTree tree) throws IOException {
    Set<Path> folders = new TreeSet<>();
    for (String path : tree.files().keySet()) {
      folders.add(resolveInside(staging, path).getParent());
    }
    for (Path folder : folders) {
      Files.createDirectories(folder);
    }
    try {
      tree.files().entrySet().parallelStream().forEach(file -> {
        try {
          Files.write(resolveInside(staging, file.getKey()), file.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Replaces {@code root} with {@code staging}: two renames, so readers never see a half-written tree. */
  private static void swap(Path root, Path staging) throws IOException {
    if (!Files.exists(root)) {
      move(staging, root);
      return;
    }
    Path retired = Files.createTempDirectory(root.getParent(), "." + root.getFileName() + ".stateforge-old-");
    Files.delete(retired);
    move(root, retired);
    try {
      move(staging, root);
    } catch (IOException e) {
      move(retired, root); // put the previous output back before failing
      throw e;
    }
    deleteRecursively(retired);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Resolves a relative output path, refusing any that would land outside {@code root}. */
  static Path resolveInside(Path root, String relative) {
    Path resolved = root.resolve(relative).normalize();
    if (relative.isEmpty() || Path.of(relative).isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)) {
      throw new IllegalArgumentException("output path escapes the output directory: " + relative);
    }
    return resolved;
  }

  /** The files of a tree Stateforge wrote earlier, or nothing when the folder is missing or not its own. */
  public static Map<String, byte[]> readOwnTree(Path directory) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      return Map.of();
    }
    Map<String, byte[]> files = read(root);
    return isOwnTree(files) ? files : Map.of();
  }

  private static boolean isOwnTree(Map<String, byte[]> existing) {
    byte[] top = existing.get("kustomization.yaml");
    return top != null && new String(top, StandardCharsets.UTF_8).startsWith("# " + RenderedTree.HEADER);
  }

  /** Every regular file below {@code root}, by {@code /}-separated relative path, sorted. */
  static SortedMap<String, byte[]> read(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
      }
    }
    return files;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
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
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
