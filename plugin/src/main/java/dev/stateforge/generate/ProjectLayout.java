package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.StorageClassSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays the generated objects out as a kustomize tree:
 *
 * <pre>
 * kustomization.yaml        everything below, for a quick {@code kubectl kustomize}
 * cluster/                  cluster-scoped objects shared by apps (StorageClasses)
 * &lt;app&gt;/base/              one file per object, and a kustomization.yaml listing them
 * </pre>
 *
 * Paths are a pure function of app names, kinds and object names; resources are listed in
 * dependency order.
 */
public final class ProjectLayout {
  public static final String CLUSTER = "cluster";
  public static final String KUSTOMIZATION = "kustomization.yaml";

  private ProjectLayout() {}

  /** The files for {@code apps}, which have passed every check and have distinct names. */
  public static List<OutputFile> layout(List<AppSpec> apps) {
    List<AppSpec> byName = apps.stream().sorted(Comparator.comparing(AppSpec::name)).toList();
    List<OutputFile> files = new ArrayList<>();
    List<String> roots = new ArrayList<>();

    Map<String, StorageClassSpec> classes = new TreeMap<>();
    for (AppSpec app : byName) {
      for (StorageClassSpec storageClass : app.storageClasses()) {
        if (!storageClass.existing()) {
          classes.putIfAbsent(storageClass.name(), storageClass);
        }
      }
    }
    if (!classes.isEmpty()) {
      List<String> resources = new ArrayList<>();
      for (StorageClassSpec storageClass : classes.values()) {
        Manifest manifest = StorageClassGenerator.generate(storageClass);
        files.add(new OutputFile(CLUSTER + "/" + manifest.fileName(), sharedSource(storageClass, byName), manifest.object()));
        resources.add(manifest.fileName());
      }
      files.add(new OutputFile(CLUSTER + "/" + KUSTOMIZATION, null, Kustomization.of(resources)));
      roots.add(CLUSTER);
    }

    for (AppSpec app : byName) {
      String base = app.name() + "/base";
      List<String> resources = new ArrayList<>();
      for (Manifest manifest : AppGenerator.generate(app)) {
        files.add(new OutputFile(base + "/" + manifest.fileName(), app.sourceFile(), manifest.object()));
        resources.add(manifest.fileName());
      }
      files.add(new OutputFile(base + "/" + KUSTOMIZATION, app.sourceFile(), Kustomization.of(resources)));
      roots.add(base);
    }
    files.add(new OutputFile(KUSTOMIZATION, null, Kustomization.of(roots)));
    return files;
  }

  /** The single spec that declares a class, or null when several do. */
  private static String sharedSource(StorageClassSpec storageClass, List<AppSpec> apps) {
    List<String> sources = apps.stream()
        .filter(a -> a.storageClasses().stream().anyMatch(c -> c.name().equals(storageClass.name()) && !c.existing()))
        .map(AppSpec::sourceFile)
        .distinct()
        .toList();
    return sources.size() == 1 ? sources.get(0) : null;
  }
}
