package dev.stateforge.emit;

import dev.stateforge.diag.InternalError;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.ProjectLayout;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The output tree in memory: relative path to exact bytes, sorted by path. */
public final class RenderedTree {
  /** The first line of every file Stateforge writes. */
  public static final String HEADER = ProjectLayout.HEADER;

  private final SortedMap<String, byte[]> files;

  private RenderedTree(SortedMap<String, byte[]> files) {
    this.files = Collections.unmodifiableSortedMap(files);
  }

  public static RenderedTree render(List<OutputFile> outputFiles) {
    // Serializing is most of the CPU a build spends and each file is independent: use every core.
    List<byte[]> rendered = outputFiles.parallelStream().map(RenderedTree::serialize).toList();
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < outputFiles.size(); i++) {
      if (files.put(outputFiles.get(i).path(), rendered.get(i)) != null) {
        throw new InternalError("two outputs for one path: " + outputFiles.get(i).path());
      }
    }
    return new RenderedTree(files);
  }

  private static byte[] serialize(OutputFile file) {
    return file.source() == null
        ? YamlWriter.write(file.content(), HEADER)
        : YamlWriter.write(file.content(), HEADER, "Source: " + file.source());
  }

  public static RenderedTree of(Map<String, byte[]> files) {
    return new RenderedTree(new TreeMap<>(files));
  }

  public SortedMap<String, byte[]> files() {
    return files;
  }

  public boolean sameAs(RenderedTree other) {
    if (!files.keySet().equals(other.files.keySet())) {
      return false;
    }
    return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.files.get(e.getKey())));
  }
}
