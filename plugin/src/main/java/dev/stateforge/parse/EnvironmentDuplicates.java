package dev.stateforge.parse;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.parse.RestrictedIncluder.Include;
import dev.stateforge.parse.RestrictedIncluder.Including;
import dev.stateforge.parse.RestrictedIncluder.Outline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds an environment that two files of one spec define, such as {@code environments.prod} in the
 * spec and in a shared {@code common/environments.conf} it includes. HOCON would merge the two
 * objects key by key, the later include winning, which nobody asked for; so each environment is
 * kept to one file. Writing an environment in several places of the same file stays a normal way to
 * write HOCON, and so is an {@code include} inside one environment's object, which asks for a merge
 * on purpose: the included keys count as part of that file's definition.
 *
 * <p>Works on {@linkplain RestrictedIncluder#outline outlines}: each file parsed on its own, its
 * includes marked where they land. A file's environments are the keys of its {@code environments}
 * object when it lands at the top of the spec, or its own top-level keys when it is included inside
 * {@code environments { … }}; includes are followed to any depth. Not covered: an environment built
 * by a substitution ({@code environments.prod = ${shared.prod}}), whose origin is the substitution;
 * and environments written in a form whose merge needs substitutions resolved first
 * ({@code environments = ${base} { … }}), which are skipped.
 */
final class EnvironmentDuplicates {
  private EnvironmentDuplicates() {}

  /**
   * One file's definition of an environment.
   *
   * @param order its place in the order HOCON merges the spec: the lines of the include statements
   *     that lead to its file, then its own line
   */
  private record Definition(String environment, Location location, List<Integer> order) {}

  /** Where an outlined file's keys land in the spec: at the top, or inside {@code environments}. */
  private enum Landing { TOP, ENVIRONMENTS }

  private static final Comparator<List<Integer>> ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  /**
   * One error per environment and per file after the first that defines it. The error stands at the
   * later definition in the order HOCON merges the files, the one whose keys would win: with an
   * include at the top of the spec, that is the spec's own {@code environments.prod}. It names the
   * first definition.
   *
   * @param outlines the outline of a file or resource, or null if it cannot be read
   */
  static List<Diagnostic> find(Including spec, Function<Including, Outline> outlines) {
    List<Definition> definitions = new ArrayList<>();
    visit(spec, Landing.TOP, List.of(), outlines, new HashSet<>(), definitions);
    Map<String, List<Definition>> byName = new TreeMap<>();
    for (Definition d : definitions) {
      byName.computeIfAbsent(d.environment(), n -> new ArrayList<>()).add(d);
    }
    List<Diagnostic> out = new ArrayList<>();
    byName.forEach((name, defined) -> {
      defined.sort(Comparator.comparing(Definition::order, ORDER));
      Definition first = defined.get(0);
      Set<String> files = new LinkedHashSet<>(List.of(first.location().file()));
      for (Definition later : defined.subList(1, defined.size())) {
        if (files.add(later.location().file())) {
          out.add(Diagnostic.error(Codes.ENVIRONMENT_DUPLICATE, later.location(), SpecPath.of("environments", name),
                  "environment " + name + " is also defined in " + first.location()
                      + ", and HOCON would merge the two key by key")
              .withHint("keep each environment in one file: move these keys into " + first.location().file()
                  + ", or move that definition here"));
        }
      }
    });
    return out;
  }

  private static void visit(
      Including file, Landing landing, List<Integer> order, Function<Including, Outline> outlines,
      Set<String> visiting, List<Definition> definitions) {
    Outline outline = outlines.apply(file);
    if (outline == null || !visiting.add(file.key() + "\0" + landing)) {
      // Unreadable now, or seen before: a file included twice defines the same environments at the
      // same lines, and the first visit came by the earliest include (includes are visited in line
      // order), which is the order that counts. Visiting it again would double the work per level.
      return;
    }
    try {
      ConfigObject root = outline.root();
      ConfigObject environments = landing == Landing.ENVIRONMENTS ? root
          : root.get("environments") instanceof ConfigObject object ? object : null;
      if (environments != null) {
        for (Map.Entry<String, ConfigValue> entry : environments.entrySet()) {
          Include include = outline.includeNamedBy(entry.getKey());
          if (include != null) {
            visit(include.target(), Landing.ENVIRONMENTS, then(order, include.line()), outlines, visiting, definitions);
          } else {
            int line = Math.max(entry.getValue().origin().lineNumber(), 0);
            definitions.add(new Definition(entry.getKey(), Location.of(file.displayName(), line), then(order, line)));
          }
        }
      }
      if (landing == Landing.TOP) {
        root.keySet().stream().map(outline::includeNamedBy).filter(java.util.Objects::nonNull)
            .sorted(Comparator.comparingInt(Include::line))
            .forEach(include -> visit(include.target(), Landing.TOP, then(order, include.line()), outlines, visiting, definitions));
      }
      // An include anywhere else puts its keys inside one environment (part of this file's definition of
      // it) or outside environments altogether.
    } catch (ConfigException.NotResolved e) {
      // environments merged with a substitution: its keys are only known once resolved (not covered)
    }
  }

  private static List<Integer> then(List<Integer> order, int line) {
    List<Integer> next = new ArrayList<>(order);
    next.add(line);
    return next;
  }
}
