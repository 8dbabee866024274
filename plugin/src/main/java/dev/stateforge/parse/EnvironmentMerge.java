package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec as one environment sees it: its {@code environments.<env>} object merged over the rest,
 * objects key by key and anything else replaced whole, as HOCON merges. Findings on the merged spec
 * point at the override's line when the environment set the value, else at the base line.
 */
public final class EnvironmentMerge {
  /** Keys an environment may not override: the app's identity, how GitOps tools apply it (one convention per repository), and cluster-wide objects that all environments share. */
  public static final List<String> FIXED = List.of("name", "namespace", "environments", "gitops", "storageClasses", "volumeSnapshotClasses");

  private EnvironmentMerge() {}

  /** The environments of a spec tree, by name. */
  public static Map<String, ObjectNode> environments(ObjectNode tree) {
    Map<String, ObjectNode> out = new TreeMap<>();
    tree.path("environments").fields().forEachRemaining(e -> {
      if (e.getValue() instanceof ObjectNode override) {
        out.put(e.getKey(), override);
      }
    });
    return out;
  }

  /** The spec for one environment: a copy of {@code base} without environments, with {@code override} merged in. */
  public static LoadedSpec merge(LoadedSpec base, String environment, ObjectNode override) {
    ObjectNode merged = base.tree().deepCopy();
    merged.remove("environments");
    mergeInto(merged, override);
    SourceMap sourceMap = new SourceMap() {
      @Override
      public Location locate(SpecPath path) {
        return overrides(override, path)
            ? base.sourceMap().locate(new SpecPath(prefixed(environment, path)))
            : base.sourceMap().locate(path);
      }
    };
    return new LoadedSpec(base.file(), merged, sourceMap);
  }

  private static List<Object> prefixed(String environment, SpecPath path) {
    java.util.ArrayList<Object> elements = new java.util.ArrayList<>(List.of("environments", environment));
    elements.addAll(path.elements());
    return elements;
  }

  /** Whether the environment sets this dotted spec path ({@code storage.data.size}) or one of its ancestors. */
  public static boolean overrides(JsonNode override, String dottedPath) {
    if (dottedPath.isEmpty()) {
      return false;
    }
    return overrides(override, new SpecPath(elements(dottedPath)));
  }

  /** The keys and indexes of a path as {@link SpecPath#toString()} prints it: a quoted key may hold dots and escaped quotes. */
  private static List<Object> elements(String dottedPath) {
    List<Object> elements = new java.util.ArrayList<>();
    StringBuilder key = new StringBuilder();
    boolean pending = false;
    for (int i = 0; i < dottedPath.length(); i++) {
      char c = dottedPath.charAt(i);
      if (c == '"') {
        for (i++; i < dottedPath.length() && dottedPath.charAt(i) != '"'; i++) {
          if (dottedPath.charAt(i) == '\\' && i + 1 < dottedPath.length()) {
            i++;
          }
          key.append(dottedPath.charAt(i));
        }
        pending = true;
      } else if (c == '.' || c == '[') {
        if (pending || key.length() > 0) {
          elements.add(key.toString());
        }
        key.setLength(0);
        pending = false;
        if (c == '[') {
          int end = dottedPath.indexOf(']', i);
          elements.add(Integer.valueOf(dottedPath.substring(i + 1, end)));
          i = end;
        }
      } else {
        key.append(c);
        pending = true;
      }
    }
    if (pending) {
      elements.add(key.toString());
    }
    return elements;
  }

  /** Whether the environment sets this path or one of its ancestors. */
  public static boolean overrides(JsonNode override, SpecPath path) {
    JsonNode node = override;
    if (path.isRoot()) {
      return false;
    }
    for (Object element : path.elements()) {
      if (!node.isObject() || !(element instanceof String key) || !node.has(key)) {
        return false;
      }
      node = node.get(key);
      if (!node.isObject()) {
        return true;
      }
    }
    return true;
  }

  private static void mergeInto(ObjectNode target, JsonNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode object && field.getValue().isObject()) {
        mergeInto(object, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }
}
