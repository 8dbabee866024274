package dev.stateforge.spec;

import java.util.List;

/**
 * A volume of the app, mounted in the main container: a persistent claim, or a scratch emptyDir.
 *
 * @param size the claim's capacity; null for an emptyDir
 * @param storageClass the StorageClass name, or null for the cluster default
 * @param shared one standalone claim for all pods instead of one claim per pod
 * @param subPath the sub-directory of the volume that is mounted, or null for its root
 * @param emptyDir null for a claim
 */
public record VolumeSpec(
    String name, String mountPath, Quantity size, String storageClass, List<String> accessModes, boolean shared,
    String subPath, EmptyDir emptyDir) {

  public VolumeSpec {
    accessModes = List.copyOf(accessModes);
  }

  public boolean isClaim() {
    return emptyDir == null;
  }

  /**
   * A scratch volume that lives as long as the pod.
   *
   * @param medium {@code Memory} for tmpfs, or null for the node's disk
   * @param sizeLimit null for no limit
   */
  public record EmptyDir(String medium, Quantity sizeLimit) {}
}
