package dev.stateforge.spec;

import java.util.List;
import java.util.SortedMap;

/**
 * A StorageClass the app's volumes use. When {@code existing} is true the cluster already has it,
 * and every other field is unset.
 */
public record StorageClassSpec(
    String name,
    boolean existing,
    String provisioner,
    SortedMap<String, String> parameters,
    String reclaimPolicy,
    boolean allowVolumeExpansion,
    String volumeBindingMode,
    List<String> mountOptions) {

  public StorageClassSpec {
    mountOptions = List.copyOf(mountOptions);
  }
}
