package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.VolumeSpec;
import java.util.HashMap;
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
  public void check(AppSpec app, Reporter report) {
    Map<String, String> byMountPath = new HashMap<>();
    for (VolumeSpec volume : app.storage().volumes()) {
      SpecPath base = SpecPath.of("storage", volume.name());
      if (volume.isClaim() && volume.size().isZero()) {
        SpecPath path = base.key("size");
        report.error(Codes.VOLUME_SIZE_ZERO, path,
            "a volume of size " + volume.size() + " cannot hold data");
      }
      String other = byMountPath.putIfAbsent(volume.mountPath(), volume.name());
      if (other != null) {
        SpecPath path = base.key("mountPath");
        report.error(Codes.MOUNT_PATH_CONFLICT, path,
            "volumes \"" + other + "\" and \"" + volume.name() + "\" are both mounted at " + volume.mountPath());
      }
      if (app.security().readOnlyRootFilesystem() && (volume.name().equals("tmp") || volume.mountPath().equals("/tmp"))) {
        SpecPath path = volume.name().equals("tmp") ? base : base.key("mountPath");
        report.error(Codes.RESERVED_VOLUME, path,
                "with security.readOnlyRootFilesystem, Stateforge mounts a scratch volume named tmp at /tmp")
            .hint("name the volume otherwise and mount it elsewhere; /tmp is already writable");
      }
      memoryVolumeTooLarge(app, volume, base, report);
      boolean manyWriters = volume.accessModes().contains("ReadWriteMany") || volume.accessModes().contains("ReadOnlyMany");
      if (volume.shared() && app.replicas() > 1 && !manyWriters) {
        SpecPath path = base.key("accessModes");
        report.warning(Codes.SHARED_VOLUME_ACCESS_MODE, path,
                "a shared volume with " + String.join(", ", volume.accessModes()) + " can attach to one node only, "
                    + "so pods of " + app.replicas() + " replicas on other nodes will not start").at(base.key("shared"))
            .hint("set accessModes = [ReadWriteMany] (the class must support it), or drop shared to give each pod its own claim");
      }
    }
  }

  /**
   * A memory-backed emptyDir (tmpfs) whose files count against the container's memory limit: one
   * that may grow to the whole limit gets the container killed for memory before it is full.
   */
  private static void memoryVolumeTooLarge(AppSpec app, VolumeSpec volume, SpecPath base, Reporter report) {
    if (volume.isClaim() || !"Memory".equals(volume.emptyDir().medium()) || volume.emptyDir().sizeLimit() == null) {
      return;
    }
    Quantity limit = app.resources().memoryLimit();
    if (volume.emptyDir().sizeLimit().compareTo(limit) < 0) {
      return;
    }
    SpecPath path = base.key("emptyDir").key("sizeLimit");
    report.warning(Codes.MEMORY_VOLUME_LIMIT, path,
            "the memory-backed volume may grow to " + volume.emptyDir().sizeLimit() + ", "
                + (volume.emptyDir().sizeLimit().compareTo(limit) == 0 ? "all" : "more than all") + " of the container's memory limit ("
                + limit + "); its files count against the limit, so the container is killed for memory before the volume is full")
        .hint("keep sizeLimit well below the memory limit, and raise resources.memory by what the engine keeps in the volume");
  }
}
