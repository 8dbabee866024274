package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ContainerSpec;
import dev.stateforge.spec.SecuritySpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod's containers beside the main one, and the main container's security exceptions. Init
 * containers run to completion in order; sidecars follow them as native sidecars (init containers
 * with {@code restartPolicy: Always}, GA in Kubernetes 1.33), so they start before the main container
 * and stop after it. Every one gets the restricted defaults of the main container; the exceptions
 * ({@code security.addCapabilities}, {@code security.runAsRoot}) are the main container's only.
 */
final class PodContainers {
  private PodContainers() {}

  /** The pod's initContainers: the spec's init containers, then its sidecars; null when there are none. */
  static List<Container> initContainers(AppSpec app) {
    List<ContainerSpec> all = app.extraContainers();
    return all.isEmpty() ? null : all.stream().map(c -> container(app, c)).toList();
  }

  private static Container container(AppSpec app, ContainerSpec spec) {
    return new ContainerBuilder()
        .withName(spec.name())
        .withImage(spec.image())
        .withImagePullPolicy("IfNotPresent")
        .withRestartPolicy(spec.sidecar() ? "Always" : null)
        .withCommand(spec.command().isEmpty() ? null : spec.command())
        .withArgs(spec.args().isEmpty() ? null : spec.args())
        .withPorts(StatefulSetGenerator.containerPorts(spec.ports()))
        // Identity and peers are the pod's: a Sentinel sidecar or a config-writing init container needs them too.
        .withEnv(ClusterEnv.before(app, spec.env().stream().map(StatefulSetGenerator::envVar).toList()))
        .withResources(StatefulSetGenerator.resources(spec.resources()))
        .withStartupProbe(StatefulSetGenerator.probe(spec.probes().startup()))
        .withReadinessProbe(StatefulSetGenerator.probe(spec.probes().readiness()))
        .withLivenessProbe(StatefulSetGenerator.probe(spec.probes().liveness()))
        .withLifecycle(PodParts.lifecycle(spec.lifecycle()))
        .withVolumeMounts(mounts(app, spec))
        .withSecurityContext(StatefulSetGenerator.containerSecurityContext(app.security()))
        .build();
  }

  private static List<VolumeMount> mounts(AppSpec app, ContainerSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (ContainerSpec.Mount mount : spec.mounts()) {
      mounts.add(new VolumeMountBuilder()
          .withName(mount.volume())
          .withMountPath(mount.path())
          .withReadOnly(mount.readOnly() ? true : null)
          .withSubPath(mount.subPath())
          .build());
    }
    if (app.security().readOnlyRootFilesystem()) {
      mounts.add(StatefulSetGenerator.tmpMount());
    }
    return mounts;
  }

  /**
   * The main container's securityContext: the restricted defaults, plus the exceptions the spec asks
   * for. Each exception is left for the policy rules to report (pss-capabilities,
   * pss-run-as-non-root), so it fails the build until the spec acknowledges it.
   */
  static SecurityContext main(SecuritySpec security) {
    SecurityContext context = StatefulSetGenerator.containerSecurityContext(security);
    if (!security.addCapabilities().isEmpty()) {
      context.getCapabilities().setAdd(security.addCapabilities().stream().sorted().toList());
    }
    if (security.runAsRoot()) {
      context.setRunAsNonRoot(false);
      context.setRunAsUser(0L);
    }
    return context;
  }
}
