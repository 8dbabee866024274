package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Volumes that cannot work: zero size, two volumes (claims or emptyDirs) on one mount path, a shared
 * claim that pods on other nodes cannot attach, a clash with the scratch {@code /tmp} a read-only
 * root file system gets. Each volume is mounted where it is declared, so no mount can name a volume
 * that does not exist.
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
}
