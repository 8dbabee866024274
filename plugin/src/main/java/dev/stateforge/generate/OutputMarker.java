package dev.stateforge.generate;

import dev.stateforge.diag.StateforgeBug;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output tree's own record of which files Stateforge wrote: {@value #PATH} at the top of the
 * output directory, one {@code <sha256>  <path>} line per file, sorted. A build replaces or removes
 * only the files listed here, and {@code validate} skips a file only while its bytes match its line,
 * so copying a header comment into a hand-written file claims nothing. The lines are the format of
 * {@code sha256sum}: {@code cd <output> && sha256sum -c .stateforge/manifest} checks the tree.
 * Deterministic (no time, no host), so it is committed with the output; kustomize never reads it.
 *
 * @param generator the plugin and version that wrote the tree
 * @param files relative path to lower-case hex SHA-256, not listing the marker itself
 */
public record OutputMarker(String generator, SortedMap<String, String> files) {
  /** Where the marker is, relative to the output directory. */
  public static final String PATH = ".stateforge/manifest";
  /** Keeps an interrupted build's staging folder, and nothing else of Stateforge's, out of Git. */
  public static final String GITIGNORE = ".stateforge/.gitignore";
  /** The marker of a tree is read in full; a longer one is not a marker Stateforge wrote. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final String FORMAT = "# stateforge-manifest: 1";
  private static final String GENERATOR = "# generator: ";
  private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([^\\s\\\\][^\\n\\\\]*)");

  public OutputMarker {
    files = new TreeMap<>(files);
  }

  /** The marker of {@code files} (path to bytes), which must not hold the marker itself. */
  public static OutputMarker of(Map<String, byte[]> files, String generator) {
    SortedMap<String, String> hashes = new TreeMap<>();
    files.forEach((path, bytes) -> {
      if (path.equals(PATH) || !LINE.matcher("0".repeat(64) + "  " + path).matches()) {
        throw new StateforgeBug("cannot list an output path in the marker: " + path);
      }
      hashes.put(path, sha256(bytes));
    });
    return new OutputMarker(generator, hashes);
  }

  public byte[] render() {
    StringBuilder out = new StringBuilder()
        .append("# ").append(ProjectLayout.HEADER).append('\n')
        .append("# The files Stateforge wrote in this folder, with their SHA-256 (check: sha256sum -c .stateforge/manifest).\n")
        .append("# A build replaces or removes only these files; anything else here is left alone.\n")
        .append(FORMAT).append('\n')
        .append(GENERATOR).append(generator).append('\n');
    files.forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The marker in {@code bytes}, or empty when they are not a marker this version can read. */
  public static Optional<OutputMarker> parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES || !text.endsWith("\n")) {
      return Optional.empty();
    }
    String generator = null;
    boolean format = false;
    SortedMap<String, String> files = new TreeMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.equals(FORMAT)) {
        format = true;
      } else if (line.startsWith(GENERATOR)) {
        generator = line.substring(GENERATOR.length());
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        Matcher m = LINE.matcher(line);
        if (!m.matches() || m.group(2).equals(PATH) || files.put(m.group(2), m.group(1)) != null) {
          return Optional.empty();
        }
      }
    }
    return format && generator != null ? Optional.of(new OutputMarker(generator, files)) : Optional.empty();
  }

  /** Whether {@code bytes} are what Stateforge wrote at {@code path}. */
  public boolean wrote(String path, byte[] bytes) {
    String hash = files.get(path);
    return hash != null && hash.equals(sha256(bytes));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new StateforgeBug("the JVM has no SHA-256", e);
    }
  }
}
