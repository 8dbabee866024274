package dev.stateforge.emit;

import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.OutputMarker;
import dev.stateforge.generate.ProjectLayout;
import java.nio.charset.StandardCharsets;
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

  /** The files, then {@link OutputMarker#GITIGNORE} and the marker that lists them, naming {@code generator} as their writer. */
  public static RenderedTree render(List<OutputFile> outputFiles, String generator) {
    // Serializing is most of the CPU a build spends and each file is independent: use every core.
    List<byte[]> rendered = outputFiles.parallelStream().map(RenderedTree::serialize).toList();
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < outputFiles.size(); i++) {
      if (files.put(outputFiles.get(i).path(), rendered.get(i)) != null) {
        throw new StateforgeBug("two outputs for one path: " + outputFiles.get(i).path());
      }
    }
    if (files.put(OutputMarker.GITIGNORE, GITIGNORE) != null || files.containsKey(OutputMarker.PATH)) {
      throw new StateforgeBug("a generated file claims the marker's folder " + OutputMarker.PATH);
    }
    files.put(OutputMarker.PATH, OutputMarker.of(files, generator).render());
    return new RenderedTree(files);
  }

  /** Some files' bytes, as {@link #render} writes them, without the marker: the files of the apps a per-app build compiles. */
  public static SortedMap<String, byte[]> serialize(List<OutputFile> outputFiles) {
    List<byte[]> rendered = outputFiles.parallelStream().map(RenderedTree::serialize).toList();
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < outputFiles.size(); i++) {
      if (files.put(outputFiles.get(i).path(), rendered.get(i)) != null) {
        throw new StateforgeBug("two outputs for one path: " + outputFiles.get(i).path());
      }
    }
    return files;
  }

  /** What an interrupted build leaves in the marker's folder until the next build removes it. */
  private static final byte[] GITIGNORE = ("# " + HEADER + "\n"
      + "# A build's lock, and the files it stages (a killed build leaves them until the next one rolls it back).\n"
      + "/lock\n"
      + "/" + OutputTransaction.PENDING + "/\n").getBytes(StandardCharsets.UTF_8);

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
