package dev.stateforge.parse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec as each environment sees it: its {@code environments.<env>} object merged over the rest
 * with HOCON's own fallback (objects key by key, anything else replaced whole), so every value keeps
 * the origin that set it and a finding on a key the environment sets points at the environment's line.
 */
public final class EnvironmentMerge {
  /** Keys an environment may not override: the app's identity, how GitOps tools apply it (one convention per repository), and cluster-wide objects that all environments share. */
  public static final List<String> FIXED = List.of("name", "namespace", "environments", "gitops", "storageClasses", "volumeSnapshotClasses");

  private EnvironmentMerge() {}

  /**
   * One environment of a spec: the merged spec and what the environment itself sets.
   *
   * @param override the environment's own object, as written
   */
  public record Environment(String name, LoadedSpec spec, ConfigObject override) {

    /** Whether the environment sets this path or one of its ancestors (a list or value replaces whatever it holds). */
    public boolean sets(SpecPath path) {
      return EnvironmentMerge.sets(override, path);
    }

    /** A path as the user wrote it: under {@code environments.<env>} when the environment sets it. */
    public SpecPath shown(SpecPath path) {
      return sets(path) ? path.under("environments", name) : path;
    }

    /** The keys of {@link #FIXED} that the environment tries to set. */
    public List<String> fixedKeys() {
      return FIXED.stream().filter(override::containsKey).toList();
    }
  }

  /**
   * Each environment of a loaded spec, in name order; reports values of an environment that no spec
   * key can take (the base's own are reported when it is loaded).
   */
  public static List<Environment> environments(LoadedSpec base, Diagnostics out) {
    if (base.config() == null || !(base.config().root().get("environments") instanceof ConfigObject all)) {
      return List.of();
    }
    ConfigSourceMap sourceMap = (ConfigSourceMap) base.sourceMap();
    ConfigObject rest = base.config().root().withoutKey("environments");
    List<Environment> environments = new ArrayList<>();
    for (String name : all.keySet().stream().sorted().toList()) {
      if (all.get(name) instanceof ConfigObject override) {
        merge(base, sourceMap, rest, name, override, out).ifPresent(environments::add);
      }
    }
    return environments;
  }

  private static boolean sets(ConfigObject override, SpecPath path) {
    ConfigValue node = override;
    if (path.isRoot()) {
      return false;
    }
    for (Object element : path.elements()) {
      if (!(node instanceof ConfigObject object) || !(element instanceof String key) || !object.containsKey(key)) {
        return false;
      }
      node = object.get(key);
      if (!(node instanceof ConfigObject)) {
        return true;
      }
    }
    return true;
  }

  private static Optional<Environment> merge(
      LoadedSpec base, ConfigSourceMap sourceMap, ConfigObject rest, String name, ConfigObject override, Diagnostics out) {
    Config merged = override.withFallback(rest).toConfig();
    return SpecTree.of(merged.root(), sourceMap.names(), base.file(), out).map(tree -> {
      // A key the environment sets is found where the environment wrote it (or, for a value that came from
      // an allowed variable, at its nearest written ancestor inside the environment); any other key keeps
      // the origin the merge carried over from the base.
      ConfigSourceMap mergedMap = sourceMap.over(merged);
      SourceMap located = path -> sets(override, path)
          ? sourceMap.locate(path.under("environments", name))
          : mergedMap.locate(path);
      return new Environment(name, new LoadedSpec(base.file(), tree, located, merged), override);
    });
  }
}
