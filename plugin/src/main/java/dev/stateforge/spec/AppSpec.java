package dev.stateforge.spec;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One stateful application, bound from a spec file with every default applied. Immutable; lists are
 * in output order and maps are sorted.
 *
 * @param sourceFile the spec file, relative to the project base directory
 * @param namespace null when the spec gives none
 * @param acknowledgements finding code to the reason the user gave for accepting it
 */
public record AppSpec(
    String sourceFile,
    String name,
    String namespace,
    String image,
    int replicas,
    List<String> command,
    List<String> args,
    List<PortSpec> ports,
    List<EnvVarSpec> env,
    ResourcesSpec resources,
    ProbesSpec probes,
    StorageSpec storage,
    List<StorageClassSpec> storageClasses,
    String podManagementPolicy,
    UpdateSpec updates,
    DisruptionSpec disruption,
    SecuritySpec security,
    SpreadSpec spread,
    int terminationGracePeriodSeconds,
    SortedMap<String, String> acknowledgements) {

  public AppSpec {
    command = List.copyOf(command);
    args = List.copyOf(args);
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    storageClasses = List.copyOf(storageClasses);
  }

  public Optional<String> namespaceIfSet() {
    return Optional.ofNullable(namespace);
  }

  /** The governing headless Service, which gives each pod its stable DNS name. */
  public String headlessServiceName() {
    return name + "-headless";
  }

  public Optional<String> acknowledgement(String code) {
    return Optional.ofNullable(acknowledgements.get(code));
  }
}
