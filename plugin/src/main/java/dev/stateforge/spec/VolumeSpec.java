package dev.stateforge.spec;

import java.util.List;

/**
 * A persistent volume of the app.
 *
 * @param storageClass the StorageClass name, or null for the cluster default
 * @param shared one standalone claim for all pods instead of one claim per pod
 */
public record VolumeSpec(
    String name, String mountPath, Quantity size, String storageClass, List<String> accessModes, boolean shared) {

  public VolumeSpec {
    accessModes = List.copyOf(accessModes);
  }
}
