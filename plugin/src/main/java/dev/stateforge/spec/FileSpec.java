package dev.stateforge.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A file mounted into the main container: a config file written inline or read from the project,
 * which goes into the app's ConfigMap, or the files of an existing Secret, mounted by reference.
 *
 * @param name the ConfigMap key of a config file, or the Secret volume's suffix
 * @param mountPath the file's path for a config file, a directory for a Secret
 * @param content the text as written, with its {@code {peers:NAME}} placeholders; for a source, the
 *     file's text once the pipeline has read it (null before, and when it cannot be read)
 * @param source the project file the content comes from, relative to the project directory; null for inline content
 * @param secret null for a config file
 * @param mode the permission bits the spec sets, read from its octal text; null when unset
 */
public record FileSpec(String name, String mountPath, String content, String source, SecretRef secret, Integer mode) {
  /**
   * What a secret file gets when the spec sets no mode and the pod has an fsGroup: the kubelet makes a
   * Secret's files root:&lt;fsGroup&gt; and adds group read, so the engine's user reads its keys through
   * the group and nobody else does. Without an fsGroup the files stay root's, so Kubernetes' 0644 stays.
   */
  public static final int SECRET_MODE = 0400;

  /** The placeholder that names a peer list: {@code {peers:NAME}}. */
  public static final String PEERS = "{peers:";

  /**
   * An existing Secret mounted as a directory.
   *
   * @param items key to the relative path of its file; empty mounts every key under its own name
   */
  public record SecretRef(String name, SortedMap<String, String> items) {
    public SecretRef {
      items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
    }
  }

  public boolean isConfig() {
    return secret == null;
  }

  /** A mode as the spec writes it: four octal digits. */
  public static String octal(int mode) {
    return String.format("%04o", mode);
  }

  /** This file with the text read from its source. */
  public FileSpec withContent(String text) {
    return new FileSpec(name, mountPath, text, source, secret, mode);
  }

  /** A {@code {peers:NAME}} in the text, at its offset. */
  public record Placeholder(int offset, String list) {}

  /** One thing wrong with a text's placeholders. */
  public record Problem(String message, String list) {}

  /** The peer lists a text names, in text order; a {@code {peers:} never closed is left out (see {@link #problems}). */
  public static List<Placeholder> placeholders(String text) {
    List<Placeholder> found = new ArrayList<>();
    int at = text.indexOf(PEERS);
    while (at >= 0) {
      int close = text.indexOf('}', at);
      int newline = text.indexOf('\n', at);
      if (close < 0 || newline >= 0 && newline < close) {
        at = text.indexOf(PEERS, at + 1);
        continue;
      }
      found.add(new Placeholder(at, text.substring(at + PEERS.length(), close)));
      at = text.indexOf(PEERS, close + 1);
    }
    return found;
  }

  /** What is wrong with the placeholders of a text, given the peer lists that exist; empty when it renders. */
  public static List<Problem> problems(String text, List<String> lists) {
    List<Problem> problems = new ArrayList<>();
    int at = text.indexOf(PEERS);
    while (at >= 0) {
      int close = text.indexOf('}', at);
      int newline = text.indexOf('\n', at);
      if (close < 0 || newline >= 0 && newline < close) {
        problems.add(new Problem("line " + lineOf(text, at) + ": {peers: opens a placeholder that is not closed on its line", null));
        at = text.indexOf(PEERS, at + 1);
        continue;
      }
      String list = text.substring(at + PEERS.length(), close);
      if (!lists.contains(list)) {
        problems.add(new Problem("line " + lineOf(text, at) + ": {peers:" + list + "} names no list of cluster.peers", list));
      }
      at = text.indexOf(PEERS, close + 1);
    }
    return problems;
  }

  /** The text with each {@code {peers:NAME}} replaced by {@code value(NAME)}; call only on a text without {@link #problems}. */
  public static String render(String text, UnaryOperator<String> value) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (Placeholder p : placeholders(text)) {
      out.append(text, from, p.offset()).append(value.apply(p.list()));
      from = p.offset() + PEERS.length() + p.list().length() + 1;
    }
    return out.append(text, from, text.length()).toString();
  }

  /** The 1-based line of an offset in a text. */
  public static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
