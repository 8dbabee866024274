package dev.stateforge.spec;

import java.util.List;

/**
 * The app's volumes, sorted by name, and what happens to per-pod claims when the StatefulSet is
 * deleted or scaled down.
 */
public record StorageSpec(List<VolumeSpec> volumes, String whenDeleted, String whenScaled) {

  public StorageSpec {
    volumes = List.copyOf(volumes);
  }

  public List<VolumeSpec> perPodVolumes() {
    return volumes.stream().filter(v -> !v.shared()).toList();
  }

  public List<VolumeSpec> sharedVolumes() {
    return volumes.stream().filter(VolumeSpec::shared).toList();
  }
}
