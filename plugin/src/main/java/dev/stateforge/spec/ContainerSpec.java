package dev.stateforge.spec;

import java.util.List;

/**
 * An init container or a sidecar: a container of the pod beside the main one. Sidecars are written
 * as native sidecars (init containers with {@code restartPolicy: Always}).
 *
 * @param env in dependency order, as the main container's
 * @param mounts the app's volumes this container mounts, in volume-name order
 * @param ports a sidecar's own ports; empty for an init container
 * @param probes a sidecar's probes; {@link ProbesSpec#NONE} for an init container
 * @param sidecar true for a sidecar, false for an init container that runs to completion
 * @param lifecycle a sidecar's hooks; {@link LifecycleSpec#NONE} for an init container, which Kubernetes allows none
 */
public record ContainerSpec(
    String name, String image, List<String> command, List<String> args, List<EnvVarSpec> env,
    ResourcesSpec resources, List<Mount> mounts, List<PortSpec> ports, ProbesSpec probes, boolean sidecar,
    LifecycleSpec lifecycle) {

  public ContainerSpec {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    ports = List.copyOf(ports);
  }

  /** The spec list the container is declared in: {@code initContainers} or {@code sidecars}. */
  public String specList() {
    return sidecar ? "sidecars" : "initContainers";
  }

  /**
   * A volume of the app, mounted in this container.
   *
   * @param subPath the directory of the volume mounted instead of its root; null for the root
   */
  public record Mount(String volume, String path, boolean readOnly, String subPath) {}
}
