package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.StorageClassSpec;
import dev.stateforge.spec.VolumeSnapshotClassSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across the specs of one project: app names are unique (each owns an output folder and its
 * objects' names), and a StorageClass that several apps declare is declared the same way.
 */
public final class ProjectRules {
  private ProjectRules() {}

  /** A bound app with the source map of its file. */
  public record Located(AppSpec app, SourceMap sourceMap) {}

  /** The findings across {@code apps}, which must be in a stable order (sorted by file). */
  public static List<Diagnostic> check(List<Located> apps) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Located> byName = new LinkedHashMap<>();
    Map<String, Located> classOwners = new LinkedHashMap<>();
    Map<String, Located> snapshotClassOwners = new LinkedHashMap<>();
    for (Located current : apps) {
      AppSpec app = current.app();
      Located first = byName.putIfAbsent(app.name(), current);
      if (first != null) {
        Location firstAt = first.sourceMap().locate("name");
        out.add(Diagnostic.error(Codes.DUPLICATE_APP, current.sourceMap().locate("name"), SpecPath.of("name"),
                "app \"" + app.name() + "\" is already defined in " + firstAt)
            .withHint("every spec file must define an app with its own name"));
      }
      for (VolumeSnapshotClassSpec declared : app.volumeSnapshotClasses()) {
        if (declared.existing()) {
          continue;
        }
        Located owner = snapshotClassOwners.putIfAbsent(declared.name(), current);
        VolumeSnapshotClassSpec earlier = owner == null ? null : owner.app().volumeSnapshotClasses().stream()
            .filter(c -> c.name().equals(declared.name())).findFirst().orElseThrow();
        if (earlier != null && !earlier.equals(declared)) {
          SpecPath path = SpecPath.of("volumeSnapshotClasses", declared.name());
          out.add(Diagnostic.error(Codes.SNAPSHOT_CLASS_CONFLICT, current.sourceMap().locate(path), path,
                  "VolumeSnapshotClass \"" + declared.name() + "\" is declared differently in " + owner.sourceMap().locate(path))
              .withHint("a cluster has one class of each name: declare it once in a shared file that both specs include"));
        }
      }
      for (StorageClassSpec declared : app.storageClasses()) {
        if (declared.existing()) {
          continue;
        }
        Located owner = classOwners.putIfAbsent(declared.name(), current);
        if (owner == null) {
          continue;
        }
        StorageClassSpec earlier = owner.app().storageClasses().stream()
            .filter(c -> c.name().equals(declared.name())).findFirst().orElseThrow();
        if (!earlier.equals(declared)) {
          SpecPath path = SpecPath.of("storageClasses", declared.name());
          out.add(Diagnostic.error(Codes.STORAGE_CLASS_CONFLICT, current.sourceMap().locate(path), path,
                  "StorageClass \"" + declared.name() + "\" is declared differently in "
                      + owner.sourceMap().locate(path))
              .withHint("a cluster has one class of each name: declare it once in a shared file that both specs include"));
        }
      }
    }
    return out;
  }
}
