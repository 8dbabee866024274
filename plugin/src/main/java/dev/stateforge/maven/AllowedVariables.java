package dev.stateforge.maven;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The environment variables a build lets specs substitute: only those named, and only if set. */
final class AllowedVariables {
  private AllowedVariables() {}

  static Map<String, String> from(List<String> names) {
    Map<String, String> allowed = new TreeMap<>();
    if (names != null) {
      for (String name : names) {
        String value = System.getenv(name);
        if (value != null) {
          allowed.put(name, value);
        }
      }
    }
    return allowed;
  }
}
