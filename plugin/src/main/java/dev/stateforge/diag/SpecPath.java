package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path into a spec: object keys and list indexes. Printed in HOCON style ({@code
 * storage.data.size}, {@code command[0]}, {@code storageClasses."gp3.example"}) so that a user can
 * paste it back into a spec.
 */
public record SpecPath(List<Object> elements) implements DiagnosticPath {

  public static final SpecPath ROOT = new SpecPath(List.of());

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  public SpecPath {
    elements = List.copyOf(elements);
    for (Object e : elements) {
      if (!(e instanceof String) && !(e instanceof Integer)) {
        throw new IllegalArgumentException("path element must be a key or an index: " + e);
      }
    }
  }

  public static SpecPath of(Object... elements) {
    return new SpecPath(List.of(elements));
  }

  public SpecPath key(String key) {
    return append(Objects.requireNonNull(key));
  }

  public SpecPath index(int index) {
    return append(index);
  }

  private SpecPath append(Object element) {
    List<Object> next = new ArrayList<>(elements);
    next.add(element);
    return new SpecPath(next);
  }

  /** This path inside another: {@code storage.data.size} under {@code environments.prod}. */
  public SpecPath under(Object... head) {
    List<Object> next = new ArrayList<>(List.of(head));
    next.addAll(elements);
    return new SpecPath(next);
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  public SpecPath parent() {
    return isRoot() ? this : new SpecPath(elements.subList(0, elements.size() - 1));
  }

  /** The last key or index, or null at the root. */
  public Object last() {
    return isRoot() ? null : elements.get(elements.size() - 1);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object e : elements) {
      if (e instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        String key = (String) e;
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(PLAIN_KEY.matcher(key).matches() ? key : '"' + key.replace("\"", "\\\"") + '"');
      }
    }
    return out.toString();
  }
}
