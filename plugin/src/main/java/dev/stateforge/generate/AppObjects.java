package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every object of one app, generated once: its base and components, and what each environment
 * builds to. The layout writes them, the overlays diff them, and the checks read them; none
 * generates again.
 *
 * @param backup empty when the app has no backups; restore likewise
 * @param environments in name order
 */
public record AppObjects(
    AppSpec app, List<OutputObject> base, List<OutputObject> backup, List<OutputObject> restore,
    List<OutputObject> monitoring, List<EnvironmentObjects> environments) {

  /**
   * One environment: the components it keeps and every object it builds to, base and components, as
   * generated from the environment's spec (paths relative to their folder, as a generator returns them).
   */
  public record EnvironmentObjects(String name, AppSpec variant, List<String> components, List<OutputObject> objects) {

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

  /** Generates {@code app}, and each of its environments' variants. */
  public static AppObjects of(AppSpec app) {
    List<OutputObject> base = AppGenerator.generate(app);
    List<OutputObject> backup = app.backups().isPresent() ? BackupGenerator.backup(app) : List.of();
    List<OutputObject> restore = app.backups().isPresent() ? BackupGenerator.restore(app) : List.of();
    List<OutputObject> monitoring = app.monitors().isPresent() ? MonitoringGenerator.generate(app) : List.of();
    List<EnvironmentObjects> environments = new ArrayList<>();
    for (Map.Entry<String, AppSpec> environment : app.environments().entrySet()) {
      AppSpec variant = environment.getValue();
      List<String> components = OverlayGenerator.components(app, variant);
      environments.add(new EnvironmentObjects(environment.getKey(), variant, components, OverlayGenerator.objects(variant, components)));
    }
    return new AppObjects(app, base, backup, restore, monitoring, environments);
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
