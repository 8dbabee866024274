package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ProbeSpec;
import dev.stateforge.spec.ResourcesSpec;
import dev.stateforge.spec.SecuritySpec;
import dev.stateforge.spec.SpreadSpec;
import dev.stateforge.spec.VolumeSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinals;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinalsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The StatefulSet: stable identity through the headless Service, one claim per pod from the volume
 * templates, ordered rolling updates, and a pod that meets the Pod Security Standards "restricted"
 * profile.
 */
public final class StatefulSetGenerator {
  static final String ZONE_KEY = "topology.kubernetes.io/zone";
  static final String NODE_KEY = "kubernetes.io/hostname";
  private static final String TMP_VOLUME = "tmp";

  private StatefulSetGenerator() {}

  public static OutputObject generate(AppSpec app) {
    StatefulSet statefulSet = new StatefulSetBuilder()
        .withMetadata(Metadata.forApp(app, app.name()))
        .withNewSpec()
        .withServiceName(app.headlessServiceName())
        .withReplicas(app.replicas())
        .withPodManagementPolicy(app.podManagementPolicy())
        .withOrdinals(ordinals(app))
        .withNewSelector()
        .withMatchLabels(Labels.selector(app))
        .endSelector()
        .withUpdateStrategy(updateStrategy(app))
        .withMinReadySeconds(app.updates().minReadySeconds())
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenDeleted(app.storage().whenDeleted())
        .withWhenScaled(app.storage().whenScaled())
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewTemplate()
        .withMetadata(PodParts.templateMetadata(app))
        .withSpec(podSpec(app))
        .endTemplate()
        .withVolumeClaimTemplates(app.storage().perPodVolumes().stream()
            .map(v -> PvcGenerator.template(app, v))
            .toList())
        .endSpec()
        .build();
    return OutputObject.of(statefulSet);
  }

  /** Written only when the spec moves the first ordinal, so that specs without it keep their bytes. */
  private static StatefulSetOrdinals ordinals(AppSpec app) {
    int start = app.cluster().ordinalsStart();
    return start == 0 ? null : new StatefulSetOrdinalsBuilder().withStart(start).build();
  }

  private static StatefulSetUpdateStrategy updateStrategy(AppSpec app) {
    if ("OnDelete".equals(app.updates().strategy())) {
      return new StatefulSetUpdateStrategyBuilder().withType("OnDelete").build();
    }
    return new StatefulSetUpdateStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withPartition(app.updates().partition())
        .withMaxUnavailable(PdbGenerator.intOrString(app.updates().maxUnavailable()))
        .endRollingUpdate()
        .build();
  }

  private static PodSpec podSpec(AppSpec app) {
    return new PodSpecBuilder()
        // A database pod talks to no API server; no token means nothing to steal.
        .withAutomountServiceAccountToken(false)
        // Service links inject one variable per Service in the namespace; with many apps they slow
        // start-up and can clash with engine variables (POSTGRES_PORT).
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds((long) app.terminationGracePeriodSeconds())
        .withSecurityContext(podSecurityContext(app.security()))
        .withTopologySpreadConstraints(spread(app))
        .withAffinity(PodParts.affinity(app))
        .withNodeSelector(PodParts.nodeSelector(app.placement()))
        .withTolerations(PodParts.tolerations(app.placement()))
        .withPriorityClassName(app.placement().priorityClassName())
        .withInitContainers(PodContainers.initContainers(app))
        .withContainers(container(app))
        .withVolumes(podVolumes(app))
        .build();
  }

  /**
   * Volume ownership comes from fsGroup, applied only when the volume root does not already match
   * (OnRootMismatch), instead of a root init container that would break the restricted profile.
   */
  static PodSecurityContext podSecurityContext(SecuritySpec security) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(security.runAsUser())
        .withRunAsGroup(security.runAsGroup())
        .withFsGroup(security.fsGroup())
        .withFsGroupChangePolicy(security.fsGroup() != null ? "OnRootMismatch" : null)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static List<TopologySpreadConstraint> spread(AppSpec app) {
    List<TopologySpreadConstraint> constraints = new ArrayList<>();
    if (app.replicas() <= 1) {
      return constraints;
    }
    SpreadSpec spread = app.spread();
    if (!SpreadSpec.OFF.equals(spread.zone())) {
      constraints.add(constraint(app, ZONE_KEY, spread.zone()));
    }
    // OnePerNode is a required anti-affinity (PodParts.affinity), which makes a node spread redundant.
    if (!SpreadSpec.OFF.equals(spread.node()) && !SpreadSpec.ONE_PER_NODE.equals(spread.node())) {
      constraints.add(constraint(app, NODE_KEY, spread.node()));
    }
    return constraints;
  }

  private static TopologySpreadConstraint constraint(AppSpec app, String key, String whenUnsatisfiable) {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(key)
        .withWhenUnsatisfiable(whenUnsatisfiable)
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(app))
        .endLabelSelector()
        .build();
  }

  private static Container container(AppSpec app) {
    return new ContainerBuilder()
        .withName(app.name())
        .withImage(app.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand(app.command().isEmpty() ? null : app.command())
        .withArgs(app.args().isEmpty() ? null : app.args())
        .withPorts(containerPorts(app.ports()))
        .withEnv(ClusterEnv.before(app, app.env().stream().map(StatefulSetGenerator::envVar).toList()))
        .withResources(resources(app.resources()))
        .withStartupProbe(probe(app.probes().startup()))
        .withReadinessProbe(probe(app.probes().readiness()))
        .withLivenessProbe(probe(app.probes().liveness()))
        .withLifecycle(PodParts.lifecycle(app.lifecycle()))
        .withVolumeMounts(volumeMounts(app))
        .withSecurityContext(PodContainers.main(app.security()))
        .build();
  }

  /** A container's named ports, for the main container and its sidecars alike. */
  static List<ContainerPort> containerPorts(List<PortSpec> ports) {
    return ports.stream()
        .map(p -> new ContainerPortBuilder().withName(p.name()).withContainerPort(p.port()).withProtocol(p.protocol()).build())
        .toList();
  }

  static SecurityContext containerSecurityContext(SecuritySpec security) {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withReadOnlyRootFilesystem(security.readOnlyRootFilesystem())
        .withRunAsNonRoot(true)
        .build();
  }

  static EnvVar envVar(EnvVarSpec spec) {
    EnvVarBuilder env = new EnvVarBuilder().withName(spec.name());
    if (spec.source() instanceof EnvVarSpec.SecretKey secret) {
      return env.withNewValueFrom()
          .withNewSecretKeyRef().withName(secret.name()).withKey(secret.key()).endSecretKeyRef()
          .endValueFrom().build();
    }
    if (spec.source() instanceof EnvVarSpec.ConfigMapKey configMap) {
      return env.withNewValueFrom()
          .withNewConfigMapKeyRef().withName(configMap.name()).withKey(configMap.key()).endConfigMapKeyRef()
          .endValueFrom().build();
    }
    if (spec.source() instanceof EnvVarSpec.Literal literal) {
      return env.withValue(literal.value()).build();
    }
    return env.withValueFrom(PodParts.downward(spec.source())).build();
  }

  /**
   * The memory limit equals the request by default: a stateful process killed for exceeding a limit
   * it was never promised loses in-flight work. No CPU limit unless asked for, because CFS
   * throttling adds latency without protecting anyone.
   */
  static ResourceRequirements resources(ResourcesSpec spec) {
    ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(spec.cpu().text()))
        .addToRequests("memory", new Quantity(spec.memory().text()))
        .addToLimits("memory", new Quantity(spec.memoryLimit().text()));
    if (spec.cpuLimit() != null) {
      resources.addToLimits("cpu", new Quantity(spec.cpuLimit().text()));
    }
    return resources.build();
  }

  static Probe probe(ProbeSpec spec) {
    if (spec == null) {
      return null;
    }
    ProbeBuilder probe = new ProbeBuilder()
        .withInitialDelaySeconds(spec.initialDelaySeconds())
        .withPeriodSeconds(spec.periodSeconds())
        .withTimeoutSeconds(spec.timeoutSeconds())
        .withFailureThreshold(spec.failureThreshold());
    if (spec.action() instanceof ProbeSpec.Tcp tcp) {
      probe.withNewTcpSocket().withPort(port(tcp.port())).endTcpSocket();
    } else if (spec.action() instanceof ProbeSpec.Http http) {
      probe.withNewHttpGet().withPath(http.path()).withPort(port(http.port())).withScheme(http.scheme()).endHttpGet();
    } else if (spec.action() instanceof ProbeSpec.Exec exec) {
      probe.withNewExec().withCommand(exec.command()).endExec();
    }
    return probe.build();
  }

  private static IntOrString port(ProbeSpec.PortRef ref) {
    return ref.isNamed() ? new IntOrString(ref.name()) : new IntOrString(ref.number());
  }

  private static List<VolumeMount> volumeMounts(AppSpec app) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (VolumeSpec volume : app.storage().volumes()) {
      mounts.add(new VolumeMountBuilder()
          .withName(volume.name())
          .withMountPath(volume.mountPath())
          .withSubPath(volume.subPath())
          .build());
    }
    if (app.security().readOnlyRootFilesystem()) {
      mounts.add(tmpMount());
    }
    mounts.addAll(ConfigFiles.mounts(app));
    mounts.sort(Comparator.comparing(VolumeMount::getName));
    return mounts;
  }

  /** The scratch /tmp every container mounts when the root filesystem is read-only. */
  static VolumeMount tmpMount() {
    return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build();
  }

  /** Pod volumes: standalone claims of shared volumes, scratch emptyDirs, and a scratch /tmp for a read-only root. */
  private static List<Volume> podVolumes(AppSpec app) {
    List<Volume> volumes = new ArrayList<>();
    for (VolumeSpec volume : app.storage().sharedVolumes()) {
      volumes.add(new VolumeBuilder()
          .withName(volume.name())
          .withNewPersistentVolumeClaim()
          .withClaimName(PvcGenerator.sharedClaimName(app, volume))
          .endPersistentVolumeClaim()
          .build());
    }
    app.storage().scratchVolumes().forEach(v -> volumes.add(PodParts.scratch(v)));
    if (app.security().readOnlyRootFilesystem()) {
      volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
    }
    volumes.addAll(ConfigFiles.volumes(app));
    volumes.sort(Comparator.comparing(Volume::getName));
    return volumes;
  }
}
