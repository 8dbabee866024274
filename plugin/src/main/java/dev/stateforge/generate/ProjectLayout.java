package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.StorageClassSpec;
import dev.stateforge.spec.VolumeSnapshotClassSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Lays the generated objects out as a kustomize tree:
 *
 * <pre>
 * kustomization.yaml        everything below, for a quick {@code kubectl kustomize}
 * cluster/                  cluster-scoped objects shared by apps (StorageClasses)
 * &lt;app&gt;/base/              one file per object, and a kustomization.yaml listing them
 * &lt;app&gt;/components/&lt;c&gt;/    optional features as kustomize Components: backup, restore, monitoring
 * &lt;app&gt;/overlays/default/  base plus the components that are on (never restore)
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
    Map<String, VolumeSnapshotClassSpec> snapshotClasses = new TreeMap<>();
    for (AppSpec app : byName) {
      for (VolumeSnapshotClassSpec snapshotClass : app.volumeSnapshotClasses()) {
        if (!snapshotClass.existing()) {
          snapshotClasses.putIfAbsent(snapshotClass.name(), snapshotClass);
        }
      }
    }
    if (!classes.isEmpty() || !snapshotClasses.isEmpty()) {
      List<String> resources = new ArrayList<>();
      for (StorageClassSpec storageClass : classes.values()) {
        Manifest manifest = StorageClassGenerator.generate(storageClass);
        files.add(new OutputFile(CLUSTER + "/" + manifest.fileName(), sharedSource(storageClass.name(), byName), manifest.object()));
        resources.add(manifest.fileName());
      }
      for (VolumeSnapshotClassSpec snapshotClass : snapshotClasses.values()) {
        Manifest manifest = VolumeSnapshotClassGenerator.generate(snapshotClass);
        files.add(new OutputFile(CLUSTER + "/" + manifest.fileName(), sharedSource(snapshotClass.name(), byName), manifest.object()));
        resources.add(manifest.fileName());
      }
      files.add(new OutputFile(CLUSTER + "/" + KUSTOMIZATION, null, Kustomization.of(resources)));
      roots.add(CLUSTER);
    }

    for (AppSpec app : byName) {
      String base = app.name() + "/base";
      files.addAll(folder(app, base, AppGenerator.generate(app), Kustomization::of));

      // Optional features are Components; the default overlay includes all but restore, which is
      // applied by hand when a restore is needed.
      List<String> included = new ArrayList<>();
      if (app.backups().isPresent()) {
        files.addAll(folder(app, app.name() + "/components/backup", BackupGenerator.backup(app), Kustomization::component));
        included.add("../../components/backup");
        List<Manifest> restore = BackupGenerator.restore(app);
        if (!restore.isEmpty()) {
          files.addAll(folder(app, app.name() + "/components/restore", restore, Kustomization::component));
        }
      }
      if (app.monitors().isPresent()) {
        files.addAll(folder(app, app.name() + "/components/monitoring", MonitoringGenerator.generate(app), Kustomization::component));
        included.add("../../components/monitoring");
      }
      if (included.isEmpty()) {
        roots.add(base);
      } else {
        String overlay = app.name() + "/overlays/default";
        files.add(new OutputFile(overlay + "/" + KUSTOMIZATION, app.sourceFile(),
            Kustomization.of(List.of("../../base"), included)));
        roots.add(overlay);
      }
    }
    files.add(new OutputFile(KUSTOMIZATION, null, Kustomization.of(roots)));
    return files;
  }

  /** The files of one kustomize folder: its objects, then a kustomization listing them in order. */
  private static List<OutputFile> folder(
      AppSpec app, String dir, List<Manifest> manifests, Function<List<String>, Kustomization> kustomization) {
    List<OutputFile> files = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (Manifest manifest : manifests) {
      files.add(new OutputFile(dir + "/" + manifest.fileName(), app.sourceFile(), manifest.object()));
      resources.add(manifest.fileName());
    }
    files.add(new OutputFile(dir + "/" + KUSTOMIZATION, app.sourceFile(), kustomization.apply(resources)));
    return files;
  }

  /** The single spec that declares a class (storage or snapshot), or null when several do. */
  private static String sharedSource(String className, List<AppSpec> apps) {
    List<String> sources = apps.stream()
        .filter(a -> declaresClass(a, className))
        .map(AppSpec::sourceFile)
        .distinct()
        .toList();
    return sources.size() == 1 ? sources.get(0) : null;
  }

  /** Whether an app declares (rather than references) a cluster-scoped class of this name. */
  public static boolean declaresClass(AppSpec app, String className) {
    return app.storageClasses().stream().anyMatch(c -> !c.existing() && c.name().equals(className))
        || app.volumeSnapshotClasses().stream().anyMatch(c -> !c.existing() && c.name().equals(className));
  }
}
