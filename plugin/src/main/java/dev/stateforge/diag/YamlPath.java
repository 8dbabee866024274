package dev.stateforge.diag;

import java.util.Objects;

/**
 * A place inside one YAML object, kept as its JSON pointer ({@code /spec/template/spec/containers/0})
 * and printed dotted ({@code spec.template.spec.containers[0]}), as kubectl names fields.
 */
public record YamlPath(String pointer) implements DiagnosticPath {
  public YamlPath {
    Objects.requireNonNull(pointer, "pointer");
  }

  @Override
  public String toString() {
    return dotted(pointer);
  }

  /** A JSON pointer as kubectl prints a field path. */
  public static String dotted(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) {
        out.append('[').append(key).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(key);
      }
    }
    return out.toString();
  }
}
