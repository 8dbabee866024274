package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.LifecycleSpec;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.PodPlacement;
import dev.stateforge.spec.SpreadSpec;
import dev.stateforge.spec.VolumeSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod's parts beyond the container basics: env from the downward API, scratch volumes, hard
 * one-per-node placement, node selection, tolerations, priority, lifecycle hooks and the user's own
 * metadata. Each method returns null for "not set", so that nothing empty is written.
 */
final class PodParts {
  private PodParts() {}

  /** The downward API source of an env entry that reads the pod ({@code field}) or the container ({@code resource}). */
  static EnvVarSource downward(EnvVarSpec.Source source) {
    if (source instanceof EnvVarSpec.PodField field) {
      return new EnvVarSourceBuilder().withNewFieldRef().withFieldPath(field.fieldPath()).endFieldRef().build();
    }
    EnvVarSpec.ContainerResource resource = (EnvVarSpec.ContainerResource) source;
    return new EnvVarSourceBuilder()
        .withNewResourceFieldRef()
        .withResource(resource.resource())
        .withDivisor(resource.divisor() == null ? null : new Quantity(resource.divisor().text()))
        .endResourceFieldRef()
        .build();
  }

  /** The pod template's labels (Stateforge's, then the user's, which never collide: MetadataRules) and annotations. */
  static ObjectMeta templateMetadata(AppSpec app) {
    MetadataSpec.Extra pod = app.metadata().pod();
    Map<String, String> labels = new TreeMap<>(pod.labels());
    labels.putAll(Labels.pod(app)); // the selector's labels, kept ones included, always win
    return new ObjectMetaBuilder()
        .withLabels(labels)
        .withAnnotations(ConfigFiles.annotate(app, pod.annotations().isEmpty() ? null : new TreeMap<>(pod.annotations())))
        .build();
  }

  /** A Service's metadata: the app's, plus the user's labels and annotations for it. */
  static ObjectMeta serviceMetadata(AppSpec app, String name, MetadataSpec.Extra extra) {
    ObjectMeta meta = Metadata.forApp(app, name);
    if (!extra.labels().isEmpty()) {
      Map<String, String> labels = new TreeMap<>(extra.labels());
      labels.putAll(meta.getLabels());
      meta.setLabels(labels);
    }
    if (!extra.annotations().isEmpty()) {
      meta.setAnnotations(new TreeMap<>(extra.annotations()));
    }
    return meta;
  }

  /**
   * OnePerNode: a required anti-affinity to the app's own pods on the same node. Unlike a topology
   * spread of maxSkew 1, it never lets two members of a quorum share a node; a pod with no free
   * node stays Pending instead. One pod needs no rule (as for spread).
   */
  static Affinity affinity(AppSpec app) {
    if (!SpreadSpec.ONE_PER_NODE.equals(app.spread().node()) || app.replicas() <= 1) {
      return null;
    }
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(app))
        .endLabelSelector()
        .withTopologyKey(StatefulSetGenerator.NODE_KEY)
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }

  static Map<String, String> nodeSelector(PodPlacement placement) {
    return placement.nodeSelector().isEmpty() ? null : new TreeMap<>(placement.nodeSelector());
  }

  static List<Toleration> tolerations(PodPlacement placement) {
    if (placement.tolerations().isEmpty()) {
      return null;
    }
    return placement.tolerations().stream()
        .map(t -> new TolerationBuilder()
            .withKey(t.key())
            .withOperator(t.operator())
            .withValue(t.value())
            .withEffect(t.effect())
            .withTolerationSeconds(t.tolerationSeconds())
            .build())
        .toList();
  }

  static Lifecycle lifecycle(LifecycleSpec spec) {
    if (spec.isEmpty()) {
      return null;
    }
    return new LifecycleBuilder().withPreStop(exec(spec.preStop())).withPostStart(exec(spec.postStart())).build();
  }

  private static LifecycleHandler exec(List<String> command) {
    return command.isEmpty() ? null : new LifecycleHandlerBuilder().withNewExec().withCommand(command).endExec().build();
  }

  /** A scratch volume: an emptyDir, on the node's disk or in memory (tmpfs, for /dev/shm). */
  static Volume scratch(VolumeSpec volume) {
    VolumeSpec.EmptyDir emptyDir = volume.emptyDir();
    return new VolumeBuilder()
        .withName(volume.name())
        .withNewEmptyDir()
        .withMedium(emptyDir.medium())
        .withSizeLimit(emptyDir.sizeLimit() == null ? null : new Quantity(emptyDir.sizeLimit().text()))
        .endEmptyDir()
        .build();
  }
}
