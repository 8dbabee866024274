package dev.stateforge.emit;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;
import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares a freshly rendered tree with the tree on disk, file by file, for the {@code check} goal:
 * the CI gate of a rendered-manifests repository.
 */
public final class TreeComparison {
  /** How many lines of a file's diff to show before cutting it short. */
  static final int MAX_DIFF_LINES = 40;

  /** One file that differs: changed, missing from disk, or on disk but no longer produced. */
  public record Difference(String path, Kind kind, List<String> diff) {
    public enum Kind { CHANGED, MISSING, EXTRA }
  }

  private TreeComparison() {}

  public static List<Difference> compare(RenderedTree expected, Path directory) throws IOException {
    SortedMap<String, byte[]> actual = onDisk(expected, directory);
    List<Difference> differences = new ArrayList<>();
    for (var file : expected.files().entrySet()) {
      byte[] onDisk = actual.get(file.getKey());
      if (onDisk == null) {
        differences.add(new Difference(file.getKey(), Difference.Kind.MISSING, List.of()));
      } else if (!Arrays.equals(onDisk, file.getValue())) {
        differences.add(new Difference(file.getKey(), Difference.Kind.CHANGED, diff(file.getKey(), onDisk, file.getValue())));
      }
    }
    for (String path : actual.keySet()) {
      if (!expected.files().containsKey(path)) {
        differences.add(new Difference(path, Difference.Kind.EXTRA, List.of()));
      }
    }
    differences.sort((a, b) -> a.path().compareTo(b.path()));
    return differences;
  }

  /**
   * What is on disk of Stateforge's: the files the committed marker lists and the files the specs
   * produce, where they exist. Anything else in the folder (a {@code .git}, a README) is not compared.
   */
  private static SortedMap<String, byte[]> onDisk(RenderedTree expected, Path directory) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    Path root = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      return files;
    }
    root = root.toRealPath();
    java.util.Set<String> paths = new java.util.TreeSet<>(expected.files().keySet());
    Path markerFile = root.resolve(OutputMarker.PATH);
    if (Files.isRegularFile(markerFile, LinkOption.NOFOLLOW_LINKS) && Files.size(markerFile) <= OutputMarker.MAX_BYTES) {
      paths.add(OutputMarker.PATH);
      OutputMarker.parse(Files.readAllBytes(markerFile)).ifPresent(m -> paths.addAll(m.files().keySet()));
    }
    for (String path : paths) {
      Path file;
      try {
        file = FileSystemOutputTree.resolveInside(root, path);
      } catch (IllegalArgumentException e) {
        continue; // a marker that lists a path outside the folder; the marker itself then differs
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      // A file that is not Stateforge's may be huge: it differs, and is not read whole to show how.
      long size = Files.size(file);
      files.put(path, size > OutputMarker.MAX_BYTES
          ? ("(" + size + " bytes, not read)\n").getBytes(java.nio.charset.StandardCharsets.UTF_8) : Files.readAllBytes(file));
    }
    return files;
  }

  /**
   * A unified diff from what is committed to what the specs produce, cut to {@link #MAX_DIFF_LINES}.
   * Lines are compared as they are, and printed with secret-looking values masked ({@link SecretMask}):
   * a changed password still shows as a changed line, without either value.
   */
  static List<String> diff(String path, byte[] committed, byte[] fresh) {
    List<String> before = lines(committed);
    List<String> after = lines(fresh);
    List<String> maskedBefore = SecretMask.mask(before);
    List<String> maskedAfter = SecretMask.mask(after);
    Patch<String> patch = new Patch<>();
    for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
      Chunk<String> source = delta.getSource();
      Chunk<String> target = delta.getTarget();
      patch.addDelta(new ChangeDelta<>(
          new Chunk<>(source.getPosition(), maskedBefore.subList(source.getPosition(), source.getPosition() + source.size())),
          new Chunk<>(target.getPosition(), maskedAfter.subList(target.getPosition(), target.getPosition() + target.size()))));
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, maskedBefore, patch, 2);
    if (unified.size() <= MAX_DIFF_LINES) {
      return unified;
    }
    List<String> cut = new ArrayList<>(unified.subList(0, MAX_DIFF_LINES));
    cut.add("... (" + (unified.size() - MAX_DIFF_LINES) + " more diff lines)");
    return cut;
  }

  private static List<String> lines(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).lines().toList();
  }
}
