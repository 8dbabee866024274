package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every object of one app, generated once: its base and components, and what each environment
 * builds to. The layout writes them, the overlays diff them, and the checks read them; none
 * generates again.
 *
 * @param backup empty when the app has no backups; restore likewise
 * @param environments in name order
 * @param patches what the spec's own patches did to the objects above (which fields, what did not apply)
 */
public record AppObjects(
    AppSpec app, List<OutputObject> base, List<OutputObject> backup, List<OutputObject> restore,
    List<OutputObject> monitoring, List<EnvironmentObjects> environments, SpecPatches.Result patches) {

  /**
   * One environment: the components it keeps and every object it builds to, base and components, as
   * generated from the environment's spec (paths relative to their folder, as a generator returns them).
   */
  public record EnvironmentObjects(
      String name, AppSpec variant, List<String> components, List<OutputObject> objects, SpecPatches.Result patches) {

    public EnvironmentObjects(String name, AppSpec variant, List<String> components, List<OutputObject> objects) {
      this(name, variant, components, objects, SpecPatches.Result.NONE);
    }

    /** The objects, placed in the environment's overlay folder. */
    public List<OutputObject> inOverlay(String appName) {
      String dir = TreePaths.overlay(appName, name);
      return objects.stream().map(o -> o.in(dir)).toList();
    }
  }

  public AppObjects {
    base = List.copyOf(base);
    backup = List.copyOf(backup);
    restore = List.copyOf(restore);
    monitoring = List.copyOf(monitoring);
    environments = List.copyOf(environments);
  }

  /**
   * Generates {@code app}, and each of its environments' variants, each with its own {@code patches}
   * applied (a patch whose target an environment drops is skipped there), so the overlays diff the
   * patched objects and the checks read them.
   */
  public static AppObjects of(AppSpec app) {
    List<OutputObject> base = AppGenerator.generate(app);
    List<OutputObject> backup = app.backups().isPresent() ? BackupGenerator.backup(app) : List.of();
    List<OutputObject> restore = app.backups().isPresent() ? BackupGenerator.restore(app) : List.of();
    List<OutputObject> monitoring = app.monitors().isPresent() ? MonitoringGenerator.generate(app) : List.of();
    List<EnvironmentObjects> environments = new ArrayList<>();
    Map<String, List<OutputObject>> variants = new java.util.LinkedHashMap<>();
    Set<String> known = new TreeSet<>();
    for (List<OutputObject> part : List.of(base, backup, restore, monitoring)) {
      part.forEach(o -> known.add(o.displayName()));
    }
    for (Map.Entry<String, AppSpec> environment : app.environments().entrySet()) {
      AppSpec variant = environment.getValue();
      List<OutputObject> objects = OverlayGenerator.objects(variant, OverlayGenerator.components(app, variant));
      objects.forEach(o -> known.add(o.displayName()));
      variants.put(environment.getKey(), objects);
    }
    List<OutputObject> all = new ArrayList<>(base);
    all.addAll(backup);
    all.addAll(restore);
    all.addAll(monitoring);
    SpecPatches.Result patches = SpecPatches.apply(app.patches(), all, known);
    for (Map.Entry<String, AppSpec> environment : app.environments().entrySet()) {
      AppSpec variant = environment.getValue();
      List<String> components = OverlayGenerator.components(app, variant);
      List<OutputObject> objects = variants.get(environment.getKey());
      SpecPatches.Result patched = SpecPatches.apply(variant.patches(), objects, known);
      environments.add(new EnvironmentObjects(environment.getKey(), variant, components, patched.of(objects), patched));
    }
    return new AppObjects(app, patches.of(base), patches.of(backup), patches.of(restore), patches.of(monitoring),
        environments, patches);
  }

  /** The base and the components an environment keeps: what its overlay patches. */
  public List<OutputObject> withComponents(List<String> components) {
    List<OutputObject> all = new ArrayList<>(base);
    if (components.contains("backup")) {
      all.addAll(backup);
    }
    if (components.contains("monitoring")) {
      all.addAll(monitoring);
    }
    return all;
  }
}
