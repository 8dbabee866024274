package dev.stateforge.spec;

import java.util.List;

/**
 * The pod's user, group and volume ownership; null means unset. The two exceptions to the
 * restricted profile apply to the main container only, and each is a policy finding until
 * acknowledged.
 *
 * @param addCapabilities capabilities the main container adds back after dropping ALL
 * @param runAsRoot the main container's image must start as root
 */
public record SecuritySpec(Long runAsUser, Long runAsGroup, Long fsGroup, boolean readOnlyRootFilesystem,
    List<String> addCapabilities, boolean runAsRoot) {

  public SecuritySpec {
    addCapabilities = List.copyOf(addCapabilities);
  }
}
