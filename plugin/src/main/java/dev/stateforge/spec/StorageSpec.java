package dev.stateforge.spec;

import java.util.List;

/**
 * The app's volumes (claims and scratch emptyDirs), sorted by name, and what happens to per-pod
 * claims when the StatefulSet is deleted or scaled down.
 */
public record StorageSpec(List<VolumeSpec> volumes, String whenDeleted, String whenScaled) {

  public StorageSpec {
    volumes = List.copyOf(volumes);
  }

  /** Claims of one pod each: the StatefulSet's volumeClaimTemplates. */
  public List<VolumeSpec> perPodVolumes() {
    return volumes.stream().filter(v -> v.isClaim() && !v.shared()).toList();
  }

  /** Standalone claims that every pod mounts. */
  public List<VolumeSpec> sharedVolumes() {
    return volumes.stream().filter(v -> v.isClaim() && v.shared()).toList();
  }

  /** Scratch volumes (emptyDir) that live as long as the pod. */
  public List<VolumeSpec> scratchVolumes() {
    return volumes.stream().filter(v -> !v.isClaim()).toList();
  }
}
