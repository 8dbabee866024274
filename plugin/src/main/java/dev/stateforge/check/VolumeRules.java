package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Volumes that cannot work: zero size, two volumes (claims or emptyDirs) on one mount path, a shared
 * claim that pods on other nodes cannot attach, a clash with the scratch {@code /tmp} a read-only
 * root file system gets, a memory-backed emptyDir as large as the memory limit. Each volume is
 * mounted where it is declared, so no mount can name a volume that does not exist.
 */
public final class VolumeRules implements SpecRule {

  @Override
  public List<Diagnostic> check(AppSpec app, SourceMap sourceMap) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, String> byMountPath = new HashMap<>();
    for (VolumeSpec volume : app.storage().volumes()) {
      SpecPath base = SpecPath.of("storage", volume.name());
      if (volume.isClaim() && volume.size().isZero()) {
        SpecPath path = base.key("size");
        out.add(Diagnostic.error("volume-size-zero", sourceMap.locate(path), path.toString(),
            "a volume of size " + volume.size() + " cannot hold data"));
      }
      String other = byMountPath.putIfAbsent(volume.mountPath(), volume.name());
      if (other != null) {
        SpecPath path = base.key("mountPath");
        out.add(Diagnostic.error("mount-path-conflict", sourceMap.locate(path), path.toString(),
            "volumes \"" + other + "\" and \"" + volume.name() + "\" are both mounted at " + volume.mountPath()));
      }
      if (app.security().readOnlyRootFilesystem() && (volume.name().equals("tmp") || volume.mountPath().equals("/tmp"))) {
        SpecPath path = volume.name().equals("tmp") ? base : base.key("mountPath");
        out.add(Diagnostic.error("reserved-volume", sourceMap.locate(path), path.toString(),
                "with security.readOnlyRootFilesystem, Stateforge mounts a scratch volume named tmp at /tmp")
            .withHint("name the volume otherwise and mount it elsewhere; /tmp is already writable"));
      }
      memoryVolumeTooLarge(app, volume, base, sourceMap).ifPresent(out::add);
      boolean manyWriters = volume.accessModes().contains("ReadWriteMany") || volume.accessModes().contains("ReadOnlyMany");
      if (volume.shared() && app.replicas() > 1 && !manyWriters) {
        SpecPath path = base.key("accessModes");
        out.add(Diagnostic.warning("shared-volume-access-mode", sourceMap.locate(base.key("shared")), path.toString(),
                "a shared volume with " + String.join(", ", volume.accessModes()) + " can attach to one node only, "
                    + "so pods of " + app.replicas() + " replicas on other nodes will not start")
            .withHint("set accessModes = [ReadWriteMany] (the class must support it), or drop shared to give each pod its own claim"));
      }
    }
    return out;
  }

  /**
   * A memory-backed emptyDir (tmpfs) whose files count against the container's memory limit: one
   * that may grow to the whole limit gets the container killed for memory before it is full.
   */
  private static Optional<Diagnostic> memoryVolumeTooLarge(AppSpec app, VolumeSpec volume, SpecPath base, SourceMap sourceMap) {
    if (volume.isClaim() || !"Memory".equals(volume.emptyDir().medium()) || volume.emptyDir().sizeLimit() == null) {
      return Optional.empty();
    }
    Quantity limit = app.resources().memoryLimit();
    if (volume.emptyDir().sizeLimit().compareTo(limit) < 0) {
      return Optional.empty();
    }
    SpecPath path = base.key("emptyDir").key("sizeLimit");
    return Optional.of(Diagnostic.warning("memory-volume-limit", sourceMap.locate(path), path.toString(),
            "the memory-backed volume may grow to " + volume.emptyDir().sizeLimit() + ", "
                + (volume.emptyDir().sizeLimit().compareTo(limit) == 0 ? "all" : "more than all") + " of the container's memory limit ("
                + limit + "); its files count against the limit, so the container is killed for memory before the volume is full")
        .withHint("keep sizeLimit well below the memory limit, and raise resources.memory by what the engine keeps in the volume"));
  }
}
