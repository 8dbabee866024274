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
 * @param cluster identity, peers and the kept parts of a StatefulSet taken over ({@link ClusterSpec#NONE} when not given)
 * @param acknowledgements finding code to the reason the user gave for accepting it
 * @param secretsInGit spec paths ({@code env.POSTGRES_PASSWORD}) whose secret-looking literal the user
 *     wants written into Git anyway, from {@code writeSecretsToGitInPlainText}
 * @param backup null when the spec asks for no backups
 * @param monitoring null when the spec asks for no monitoring
 * @param placement nodes the pods need, taints they tolerate, their priority
 * @param lifecycle the main container's preStop and postStart hooks
 * @param metadata the user's labels and annotations on the pod template and the Services
 * @param files config files and Secret files mounted in the main container, in name order
 * @param initContainers containers that run to completion before the main one, in order
 * @param sidecars native sidecars that run beside the main container, in order
 * @param services Services besides the headless and the client one, in key order
 * @param networkPolicy the app's NetworkPolicy
 * @param patches JSON 6902 patches of the generated objects, applied before verification, in order
 * @param environments the app as each environment overrides it, by environment name
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
    ClusterSpec cluster,
    SortedMap<String, String> acknowledgements,
    List<String> secretsInGit,
    EngineSpec engine,
    BackupSpec backup,
    MonitoringSpec monitoring,
    List<VolumeSnapshotClassSpec> volumeSnapshotClasses,
    GitOpsSpec gitops,
    // The pod's parts (#13): where it runs, its hooks, and the user's own metadata.
    PodPlacement placement,
    LifecycleSpec lifecycle,
    MetadataSpec metadata,
    List<FileSpec> files,
    // The pod's other containers (#13).
    List<ContainerSpec> initContainers,
    List<ContainerSpec> sidecars,
    // Services by role and the network policy (#14).
    List<ServiceSpec> services,
    NetworkPolicySpec networkPolicy,
    // The escape hatch (#13): patches of the generated objects, checked like them.
    List<PatchSpec> patches,
    SortedMap<String, AppSpec> environments) {

  public AppSpec {
    command = List.copyOf(command);
    args = List.copyOf(args);
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    storageClasses = List.copyOf(storageClasses);
    volumeSnapshotClasses = List.copyOf(volumeSnapshotClasses);
    secretsInGit = List.copyOf(secretsInGit);
    files = List.copyOf(files);
    initContainers = List.copyOf(initContainers);
    sidecars = List.copyOf(sidecars);
    services = List.copyOf(services);
    patches = List.copyOf(patches);
    environments = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(environments));
  }

  /** This app with its environments' variants attached (each variant has none of its own). */
  public AppSpec withEnvironments(SortedMap<String, AppSpec> variants) {
    return new AppSpec(sourceFile, name, namespace, image, replicas, command, args, ports, env, resources, probes, storage,
        storageClasses, podManagementPolicy, updates, disruption, security, spread, terminationGracePeriodSeconds,
        cluster, acknowledgements, secretsInGit, engine, backup, monitoring, volumeSnapshotClasses, gitops,
        placement, lifecycle, metadata, files, initContainers, sidecars, services, networkPolicy, patches, variants);
  }

  /** This app with these files (their sources read). */
  public AppSpec withFiles(List<FileSpec> read) {
    return new AppSpec(sourceFile, name, namespace, image, replicas, command, args, ports, env, resources, probes, storage,
        storageClasses, podManagementPolicy, updates, disruption, security, spread, terminationGracePeriodSeconds,
        cluster, acknowledgements, secretsInGit, engine, backup, monitoring, volumeSnapshotClasses, gitops,
        placement, lifecycle, metadata, read, initContainers, sidecars, services, networkPolicy, patches, environments);
  }

  /** The config files, which go into the ConfigMap {@code <name>-files}. */
  public List<FileSpec> configFiles() {
    return files.stream().filter(FileSpec::isConfig).toList();
  }

  /** Every port of the pod: the main container's, then each sidecar's, in spec order. */
  public List<PortSpec> podPorts() {
    List<PortSpec> all = new java.util.ArrayList<>(ports);
    sidecars.forEach(s -> all.addAll(s.ports()));
    return List.copyOf(all);
  }

  /** The ports of role client, which the client Service carries. */
  public List<PortSpec> clientPorts() {
    return podPorts().stream().filter(PortSpec::isClient).toList();
  }

  /** The init containers, then the sidecars: the pod's initContainers in the order they start. */
  public List<ContainerSpec> extraContainers() {
    List<ContainerSpec> all = new java.util.ArrayList<>(initContainers);
    all.addAll(sidecars);
    return List.copyOf(all);
  }

  public Optional<String> namespaceIfSet() {
    return Optional.ofNullable(namespace);
  }

  /** The governing headless Service, which gives each pod its stable DNS name: the one the spec keeps, else {@code <name>-headless}. */
  public String headlessServiceName() {
    return cluster.serviceName() != null ? cluster.serviceName() : name + "-headless";
  }

  /** The pod with this ordinal: {@code <name>-<ordinal>}. */
  public String podName(long ordinal) {
    return name + "-" + ordinal;
  }

  /** The first pod, {@code <name>-<ordinals.start>}: where backups and restores go. */
  public String firstPodName() {
    return podName(cluster.ordinalsStart());
  }

  /** Backups, when the spec asks for them and has not switched them off. */
  public Optional<BackupSpec> backups() {
    return Optional.ofNullable(backup).filter(BackupSpec::enabled);
  }

  /** Monitoring, when the spec asks for it and has not switched it off. */
  public Optional<MonitoringSpec> monitors() {
    return Optional.ofNullable(monitoring).filter(MonitoringSpec::enabled);
  }

  /** The per-pod volume a snapshot backup copies: the one it names, else the data volume. */
  public Optional<VolumeSpec> snapshotVolume(BackupSpec.SnapshotTarget target) {
    if (target.volume() == null) {
      return dataVolume();
    }
    return storage.perPodVolumes().stream().filter(v -> v.name().equals(target.volume())).findFirst();
  }

  /** The per-pod volume that holds the app's data: {@code data} if there is one, else the first. */
  public Optional<VolumeSpec> dataVolume() {
    var perPod = storage.perPodVolumes();
    return perPod.stream().filter(v -> v.name().equals("data")).findFirst().or(() -> perPod.stream().findFirst());
  }

  public Optional<String> acknowledgement(String code) {
    return Optional.ofNullable(acknowledgements.get(code));
  }
}
