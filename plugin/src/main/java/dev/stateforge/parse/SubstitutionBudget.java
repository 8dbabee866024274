package dev.stateforge.parse;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the values a parsed spec will hold once its substitutions are resolved, before Lightbend
 * Config resolves them: {@code a = [${b}, ${b}]}, {@code b = [${c}, ${c}]}, … doubles with every
 * line, and Lightbend hashes every resolved value whole, so forty such lines run out of memory.
 * Each referenced path is counted once (memoised), so the count itself takes linear time.
 */
final class SubstitutionBudget {
  /** A real spec resolves to a few hundred values. */
  static final long MAX_VALUES = 100_000;
  /** Nesting plus substitution chains; keeps Lightbend's recursive resolver far from the stack's end. */
  static final int MAX_DEPTH = 200;

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\??\\s*([^}]*?)\\s*}");

  private final ConfigObject root;
  private final Map<String, Long> sizes = new HashMap<>();
  private final Set<String> counting = new HashSet<>();

  /** Thrown to stop counting at the first limit. */
  private static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean depth;

    Exceeded(boolean depth) {
      super(null, null, false, false);
      this.depth = depth;
    }
  }

  private SubstitutionBudget(ConfigObject root) {
    this.root = root;
  }

  /** An error at the top-level key whose value grows past a limit, or empty. */
  static Optional<Diagnostic> check(ConfigObject root, String file, ConfigSourceMap.OriginNames origins) {
    SubstitutionBudget budget = new SubstitutionBudget(root);
    long total = 0;
    for (Map.Entry<String, ConfigValue> entry : root.entrySet()) {
      try {
        total = Math.addExact(total, budget.size(entry.getValue(), 1));
        if (total > MAX_VALUES) {
          throw new Exceeded(false);
        }
      } catch (Exceeded | ArithmeticException e) {
        Location where = entry.getValue().origin() == null ? null : origins.locationOf(entry.getValue().origin());
        boolean depth = e instanceof Exceeded exceeded && exceeded.depth;
        return Optional.of(Diagnostic.error(Codes.SPEC_LIMIT, where == null ? Location.of(file, 0) : where, SpecPath.of(entry.getKey()),
                depth ? "substitutions and nested values reach more than " + MAX_DEPTH + " levels deep"
                    : "with its substitutions resolved, the spec would hold more than " + MAX_VALUES + " values")
            .withHint("a substitution copies the whole value it names; copy smaller parts, or write the values out"));
      }
    }
    return Optional.empty();
  }

  private long size(ConfigValue value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Exceeded(true);
    }
    try {
      if (value.valueType() == ConfigValueType.OBJECT) {
        long sum = 1;
        for (ConfigValue child : ((ConfigObject) value).values()) {
          sum = add(sum, size(child, depth + 1));
        }
        return sum;
      }
      if (value.valueType() == ConfigValueType.LIST) {
        long sum = 1;
        for (ConfigValue child : (ConfigList) value) {
          sum = add(sum, size(child, depth + 1));
        }
        return sum;
      }
      return 1;
    } catch (ConfigException.NotResolved | ClassCastException e) {
      // A substitution, a concatenation or a merge that waits for one: count what it names.
      long sum = 1;
      Matcher m = REFERENCE.matcher(value.render());
      while (m.find()) {
        sum = add(sum, sizeOf(m.group(1), depth + 1));
      }
      return sum;
    }
  }

  /** The size of the value at a referenced path; 1 for a variable, a missing path or a cycle (reported by Lightbend). */
  private long sizeOf(String path, int depth) {
    Long known = sizes.get(path);
    if (known != null) {
      return known;
    }
    if (!counting.add(path)) {
      return 1;
    }
    try {
      ConfigValue target = lookup(path);
      long size = target == null ? 1 : size(target, depth);
      sizes.put(path, size);
      return size;
    } finally {
      counting.remove(path);
    }
  }

  private ConfigValue lookup(String path) {
    List<String> keys;
    try {
      keys = ConfigUtil.splitPath(path);
    } catch (ConfigException e) {
      return null;
    }
    ConfigValue current = root;
    for (String key : keys) {
      try {
        if (!(current instanceof ConfigObject object) || current.valueType() != ConfigValueType.OBJECT) {
          return null;
        }
        current = object.get(key);
      } catch (ConfigException.NotResolved e) {
        return current; // a merge that waits for a substitution: count all of it
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static long add(long a, long b) {
    long sum = a + b;
    if (sum > MAX_VALUES || sum < 0) {
      throw new Exceeded(false);
    }
    return sum;
  }
}
