package dev.stateforge.emit;

import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Stateforge's files in an output directory, which it shares with anything else there (a
 * {@code .git}, a README): the marker ({@link OutputMarker}) says which files are Stateforge's, and
 * only those are read, replaced or removed; a file it did not write is never overwritten or deleted.
 *
 * <ul>
 *   <li>when Stateforge's files on disk already have the new bytes, nothing is touched;
 *   <li>otherwise the files are replaced in place as one transaction ({@link OutputTransaction});
 *   <li>a symbolic link to the output directory is followed; a link or a file where Stateforge
 *       writes a folder is refused;
 *   <li>no path may leave the output directory.
 * </ul>
 */
public final class FileSystemOutputTree {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final int MAX_NAMED = 5;

  /** What a write did. */
  public record WriteResult(boolean upToDate, int written, int removed) {}

  /** Stateforge's files of a previous build: the marker, and the bytes of each file it lists (and of the marker). */
  record Previous(Optional<OutputMarker> marker, SortedMap<String, byte[]> files) {
    static final Previous NONE = new Previous(Optional.empty(), new TreeMap<>());

    boolean lists(String path) {
      return marker.isPresent() && marker.get().files().containsKey(path);
    }
  }

  private FileSystemOutputTree() {}

  /**
   * The output directory as it really is: a symbolic link is followed to its target (so a link
   * is never replaced by a folder); a folder not there yet is named below its nearest existing
   * ancestor's real path, so two spellings of one folder share one lock.
   */
  public static Path root(Path outputDirectory) throws IOException, OutputException {
    Path path = outputDirectory.toAbsolutePath().normalize();
    if (Files.exists(path)) {
      Path real = path.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new OutputException(OutputException.NOT_DIRECTORY, "the output directory " + path + " is a file, not a folder",
            "point outputDirectory at a folder; Stateforge does not replace a file it did not write");
      }
      return real;
    }
    if (Files.isSymbolicLink(path)) {
      throw new OutputException(OutputException.NOT_DIRECTORY, "the output directory " + path + " is a symbolic link to "
          + Files.readSymbolicLink(path) + ", which does not exist",
          "create the folder the link points to, or point outputDirectory elsewhere");
    }
    Path existing = path.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
  }

  /**
   * Completes or rolls back what a killed build left (call it holding the {@link OutputLock}):
   * a transaction in {@code .stateforge/pending/}, and the sibling trees that builds before the
   * marker staged beside the output. What it did, for a note.
   */
  public static List<String> recover(Path outputDirectory) throws IOException, OutputException {
    Path root = root(outputDirectory);
    List<String> done = new ArrayList<>(LegacyStaging.clean(root));
    if (Files.isDirectory(root)) {
      OutputTransaction.recover(root).ifPresent(done::add);
    }
    return done;
  }

  public static WriteResult sync(Path outputDirectory, RenderedTree tree) throws IOException, OutputException {
    return sync(outputDirectory, tree, null, OutputTransaction.Steps.NONE);
  }

  /**
   * @param alreadyRead Stateforge's files of the output directory as {@link #readOwnTree} returned them
   *     under the same {@link OutputLock}, so they are not read again; null to read them
   */
  public static WriteResult sync(Path outputDirectory, RenderedTree tree, Map<String, byte[]> alreadyRead)
      throws IOException, OutputException {
    return sync(outputDirectory, tree, alreadyRead, OutputTransaction.Steps.NONE);
  }

  static WriteResult sync(Path outputDirectory, RenderedTree tree, OutputTransaction.Steps steps)
      throws IOException, OutputException {
    return sync(outputDirectory, tree, null, steps);
  }

  private static WriteResult sync(Path outputDirectory, RenderedTree tree, Map<String, byte[]> alreadyRead,
      OutputTransaction.Steps steps) throws IOException, OutputException {
    Path root = root(outputDirectory);
    for (String path : tree.files().keySet()) {
      resolveInside(root, path);
    }
    Previous previous = alreadyRead == null ? read(root) : previous(alreadyRead);
    if (RenderedTree.of(previous.files()).sameAs(tree)) {
      return new WriteResult(true, 0, 0);
    }
    SortedMap<String, byte[]> next = new TreeMap<>(tree.files());
    byte[] marker = next.remove(OutputMarker.PATH);
    Map<String, byte[]> onDisk = new TreeMap<>(previous.files());
    onDisk.remove(OutputMarker.PATH);
    List<String> foreign = new ArrayList<>();
    Set<Path> folders = new HashSet<>();
    for (Map.Entry<String, byte[]> file : next.entrySet()) {
      checkFolders(root, file.getKey(), folders);
      Path target = root.resolve(file.getKey());
      if (previous.lists(file.getKey()) || !Files.exists(target, NOFOLLOW)) {
        continue;
      }
      // A file with exactly the bytes Stateforge would write loses nothing by being adopted.
      if (Files.isRegularFile(target, NOFOLLOW) && Files.size(target) == file.getValue().length
          && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
        onDisk.put(file.getKey(), file.getValue());
      } else {
        foreign.add(file.getKey());
      }
    }
    if (!foreign.isEmpty()) {
      throw new OutputException(OutputException.NOT_OWNED, "the output directory " + root + " holds " + foreign.size()
          + " file(s) that Stateforge did not write where it would write its own: " + named(foreign)
          + " (not listed in " + OutputMarker.PATH + ")",
          "move them away, or point outputDirectory at another folder; Stateforge never overwrites a file it did not "
              + "write, and leaves every other file in the folder (such as .git or a README) alone");
    }
    List<String> listedBefore = previous.marker().map(m -> List.copyOf(m.files().keySet())).orElse(List.of());
    Files.createDirectories(root);
    OutputTransaction.apply(root, onDisk, next, marker, listedBefore, steps);

    int written = (int) tree.files().entrySet().stream()
        .filter(f -> !Arrays.equals(previous.files().get(f.getKey()), f.getValue()))
        .count();
    int removed = (int) listedBefore.stream().filter(p -> !next.containsKey(p)).count();
    return new WriteResult(false, written, removed);
  }

  /**
   * Writes part of a build's tree, for a per-app build (call it holding the {@link OutputLock}): the
   * files of the apps it compiled, whose bytes on disk are {@code before} (read under the same lock),
   * and the new marker, which lists every file of the whole build; every other file stays as it is
   * and is not read. The same transaction as {@link #sync}, so the output still holds one whole build.
   *
   * @param before the compiled apps' files as the previous build left them, by path
   * @param next the compiled apps' files now, by path (not the marker)
   * @param marker the bytes of the new marker of the whole tree
   */
  public static WriteResult writePart(Path outputDirectory, Map<String, byte[]> before, SortedMap<String, byte[]> next,
      byte[] marker) throws IOException, OutputException {
    Path root = root(outputDirectory);
    for (String path : next.keySet()) {
      resolveInside(root, path);
    }
    List<String> foreign = new ArrayList<>();
    Set<Path> folders = new HashSet<>();
    Map<String, byte[]> onDisk = new TreeMap<>(before);
    for (Map.Entry<String, byte[]> file : next.entrySet()) {
      checkFolders(root, file.getKey(), folders);
      Path target = root.resolve(file.getKey());
      if (before.containsKey(file.getKey()) || !Files.exists(target, NOFOLLOW)) {
        continue;
      }
      if (Files.isRegularFile(target, NOFOLLOW) && Files.size(target) == file.getValue().length
          && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
        onDisk.put(file.getKey(), file.getValue());
      } else {
        foreign.add(file.getKey());
      }
    }
    if (!foreign.isEmpty()) {
      throw new OutputException(OutputException.NOT_OWNED, "the output directory " + root + " holds " + foreign.size()
          + " file(s) that Stateforge did not write where it would write its own: " + named(foreign)
          + " (not listed in " + OutputMarker.PATH + ")",
          "move them away, or point outputDirectory at another folder; Stateforge never overwrites a file it did not "
              + "write, and leaves every other file in the folder (such as .git or a README) alone");
    }
    OutputTransaction.apply(root, onDisk, next, marker, before.keySet(), OutputTransaction.Steps.NONE);
    int written = 1 + (int) next.entrySet().stream().filter(f -> !Arrays.equals(before.get(f.getKey()), f.getValue())).count();
    int removed = (int) before.keySet().stream().filter(p -> !next.containsKey(p)).count();
    return new WriteResult(false, written, removed);
  }

  /** Refuses a symbolic link or a file where Stateforge writes a folder: writing through it would leave the output. */
  private static void checkFolders(Path root, String path, Set<Path> checked) throws OutputException {
    Path dir = root;
    String[] names = path.split("/");
    for (int i = 0; i < names.length - 1; i++) {
      dir = dir.resolve(names[i]);
      if (checked.add(dir) && Files.exists(dir, NOFOLLOW) && !Files.isDirectory(dir, NOFOLLOW)) {
        throw new OutputException(OutputException.NOT_DIRECTORY, dir + " is " + (Files.isSymbolicLink(dir) ? "a symbolic link" : "a file")
            + " where Stateforge writes the folder of " + path,
            "remove it or move it away; Stateforge writes its files only into real folders inside the output directory");
      }
    }
    Path file = root.resolve(path);
    if (Files.isSymbolicLink(file) || Files.isDirectory(file, NOFOLLOW)) {
      throw new OutputException(OutputException.NOT_DIRECTORY, file + " is " + (Files.isSymbolicLink(file) ? "a symbolic link" : "a folder")
          + " where Stateforge writes a file", "remove it or move it away");
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

  /**
   * The files of a tree Stateforge wrote earlier, by the marker at its top: the marker and each file
   * it lists, never anything else; nothing when the folder is missing or has no marker. While a
   * killed build's transaction is not rolled back, the previous build's bytes are read from where
   * it kept them.
   *
   * @throws OutputException when the marker is unreadable or a file it lists is missing: the
   *     guard would otherwise compare with nothing
   */
  public static Map<String, byte[]> readOwnTree(Path directory) throws IOException, OutputException {
    return read(root(directory)).files();
  }

  /** The previous build as {@link #read} found it, from the files it returned (the marker's bytes among them). */
  private static Previous previous(Map<String, byte[]> files) {
    byte[] marker = files.get(OutputMarker.PATH);
    if (marker == null) {
      return Previous.NONE;
    }
    return new Previous(OutputMarker.parse(marker), new TreeMap<>(files));
  }

  static Previous read(Path root) throws IOException, OutputException {
    Path markerFile = root.resolve(OutputMarker.PATH);
    if (!Files.isDirectory(root) || !Files.exists(markerFile, NOFOLLOW)) {
      return Previous.NONE;
    }
    if (!Files.isRegularFile(markerFile, NOFOLLOW) || Files.size(markerFile) > OutputMarker.MAX_BYTES) {
      throw unreadable(root, markerFile + " is not a file Stateforge wrote");
    }
    byte[] bytes = Files.readAllBytes(markerFile);
    OutputMarker marker = OutputMarker.parse(bytes)
        .orElseThrow(() -> unreadable(root, markerFile + " is not a marker Stateforge can read"));
    Optional<Path> kept = OutputTransaction.uncommittedOld(root);
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (String path : marker.files().keySet()) {
      Path file;
      try {
        file = resolveInside(root, path);
      } catch (IllegalArgumentException e) {
        throw unreadable(root, markerFile + " lists a path outside the output directory: " + path);
      }
      Path old = kept.map(k -> k.resolve(path)).orElse(null);
      Path source = old != null && Files.isRegularFile(old, NOFOLLOW) ? old : file;
      if (Files.isRegularFile(source, NOFOLLOW)) {
        files.put(path, Files.readAllBytes(source));
      } else {
        missing.add(path);
      }
    }
    if (!missing.isEmpty()) {
      throw new OutputException(OutputException.BASELINE_MISSING, "the previous output in " + root + " is incomplete: "
          + OutputMarker.PATH + " lists " + marker.files().size() + " file(s) that Stateforge wrote, and " + missing.size()
          + " of them are missing or not regular files: " + named(missing)
          + "; the data-safety guard cannot compare the new output with what was deployed",
          "restore them (git checkout -- " + root.getFileName() + "), or, to build without a baseline, delete "
              + OutputMarker.PATH + " and the files it lists");
    }
    files.put(OutputMarker.PATH, bytes);
    return new Previous(Optional.of(marker), files);
  }

  private static OutputException unreadable(Path root, String why) {
    return new OutputException(OutputException.BASELINE_MISSING, "cannot read the previous output in " + root + ": " + why
        + "; the data-safety guard cannot compare the new output with what was deployed",
        "restore " + OutputMarker.PATH + " from Git, or, to build without a baseline, delete it and the files it lists");
  }

  private static String named(List<String> paths) {
    String shown = String.join(", ", paths.subList(0, Math.min(MAX_NAMED, paths.size())));
    return paths.size() > MAX_NAMED ? shown + " (and " + (paths.size() - MAX_NAMED) + " more)" : shown;
  }
}
