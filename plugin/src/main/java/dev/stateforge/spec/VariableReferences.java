package dev.stateforge.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Kubernetes' own {@code $(NAME)} expansion in a container's command, args and env values, read the
 * way the kubelet reads it (k8s.io/kubernetes, third_party/forked/golang/expansion): {@code $$} is an
 * escaped {@code $}; {@code $(} starts a reference that ends at the next {@code )}; a reference to a
 * defined variable is replaced by its value, and any other reference is left as its literal text.
 * An env value sees only the entries defined before it in the list; command and args see them all.
 */
public final class VariableReferences {
  /**
   * The names Stateforge treats as meant for Kubernetes when nothing defines them: the environment
   * variable convention. A lower-case {@code $(hostname)} in a shell script is the shell's command
   * substitution, which Kubernetes passes through untouched, and is left alone.
   */
  private static final Pattern CONVENTIONAL_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private VariableReferences() {}

  /** Every name that {@code text} refers to with {@code $(NAME)}, in order, each once; escaped {@code $$(…)} is not one. */
  public static List<String> in(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) != '$') {
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        i++; // an escaped $, which never starts a reference
      } else if (next == '(') {
        int close = text.indexOf(')', i + 2);
        if (close < 0) {
          break; // an unclosed "$(" is literal text, and so is the rest
        }
        names.add(text.substring(i + 2, close));
        i = close;
      }
    }
    return List.copyOf(names);
  }

  /** Whether an undefined {@code $(name)} is a mistake rather than shell syntax that Kubernetes passes through. */
  public static boolean looksLikeVariable(String name) {
    return CONVENTIONAL_NAME.matcher(name).matches();
  }

  /**
   * The entries in an order where each literal value comes after every entry it refers to, so that
   * Kubernetes can expand it; otherwise in name order. Entries caught in a reference cycle keep
   * their name order at the end (the cycle itself is reported by the spec rules).
   */
  public static List<EnvVarSpec> dependencyOrder(List<EnvVarSpec> env) {
    Map<String, EnvVarSpec> byName = byName(env);
    List<EnvVarSpec> ordered = new ArrayList<>(expandable(byName));
    Set<String> placed = new HashSet<>();
    ordered.forEach(e -> placed.add(e.name()));
    byName.values().stream().filter(e -> !placed.contains(e.name())).forEach(ordered::add);
    return List.copyOf(ordered);
  }

  private static Map<String, EnvVarSpec> byName(List<EnvVarSpec> env) {
    Map<String, EnvVarSpec> byName = new TreeMap<>();
    env.forEach(e -> byName.put(e.name(), e));
    return byName;
  }

  /** The entries that can be ordered so each comes after what it refers to, in that order. */
  private static List<EnvVarSpec> expandable(Map<String, EnvVarSpec> byName) {
    // Kahn's algorithm, always taking the smallest ready name, so independent entries stay in name order.
    Map<String, Integer> waiting = new TreeMap<>();
    Map<String, List<String>> dependents = new TreeMap<>();
    byName.forEach((name, entry) -> {
      Set<String> needs = dependencies(entry, byName.keySet());
      waiting.put(name, needs.size());
      needs.forEach(n -> dependents.computeIfAbsent(n, k -> new ArrayList<>()).add(name));
    });
    PriorityQueue<String> ready = new PriorityQueue<>();
    waiting.forEach((name, count) -> {
      if (count == 0) {
        ready.add(name);
      }
    });
    List<EnvVarSpec> ordered = new ArrayList<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      ordered.add(byName.get(name));
      for (String dependent : dependents.getOrDefault(name, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return ordered;
  }

  /**
   * The reference cycles among literal values, each as the names along it, starting at its smallest
   * name and ending where it started ({@code [A, B, A]}; {@code [A, A]} for a value that refers to
   * itself); each cycle once. Iterative, so a hostile chain of thousands of entries cannot overflow the stack.
   */
  public static List<List<String>> cycles(List<EnvVarSpec> env) {
    Map<String, EnvVarSpec> byName = byName(env);
    Set<String> stuck = new TreeSet<>(byName.keySet());
    expandable(byName).forEach(e -> stuck.remove(e.name()));
    // What dependencyOrder could not place waits on another entry it could not place: walking from one
    // to the next always ends in a cycle, or in an entry already walked.
    List<List<String>> cycles = new ArrayList<>();
    Set<String> walked = new HashSet<>();
    for (String start : stuck) {
      List<String> path = new ArrayList<>();
      Map<String, Integer> onPath = new HashMap<>();
      String at = start;
      while (at != null && !walked.contains(at)) {
        if (onPath.containsKey(at)) {
          cycles.add(rotated(path.subList(onPath.get(at), path.size())));
          break;
        }
        onPath.put(at, path.size());
        path.add(at);
        at = dependencies(byName.get(at), byName.keySet()).stream().filter(stuck::contains).findFirst().orElse(null);
      }
      walked.addAll(path);
    }
    cycles.sort(Comparator.comparing(c -> c.get(0)));
    return cycles;
  }

  /** The cycle starting at its smallest name, closed by repeating that name. */
  private static List<String> rotated(List<String> cycle) {
    int first = cycle.indexOf(cycle.stream().min(Comparator.naturalOrder()).orElseThrow());
    List<String> out = new ArrayList<>(cycle.subList(first, cycle.size()));
    out.addAll(cycle.subList(0, first));
    out.add(out.get(0));
    return out;
  }

  /** The defined names a literal value refers to, in name order; a reference to itself included. */
  private static Set<String> dependencies(EnvVarSpec entry, Set<String> defined) {
    Set<String> out = new TreeSet<>();
    if (entry.source() instanceof EnvVarSpec.Literal literal) {
      for (String name : in(literal.value())) {
        if (defined.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
