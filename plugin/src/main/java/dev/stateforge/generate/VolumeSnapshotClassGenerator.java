package dev.stateforge.generate;

import dev.stateforge.spec.VolumeSnapshotClassSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * A declared VolumeSnapshotClass: cluster-scoped like a StorageClass, so written under {@code
 * cluster/}. It is protected from GitOps pruning like one, because deleting it orphans every
 * snapshot of it.
 */
public final class VolumeSnapshotClassGenerator {
  private VolumeSnapshotClassGenerator() {}

  public static OutputObject generate(VolumeSnapshotClassSpec spec) {
    GenericKubernetesResource snapshotClass = new GenericKubernetesResource();
    snapshotClass.setApiVersion(ObjectKind.VOLUME_SNAPSHOT_CLASS.apiVersion());
    snapshotClass.setKind(ObjectKind.VOLUME_SNAPSHOT_CLASS.kind());
    snapshotClass.setMetadata(new ObjectMetaBuilder()
        .withName(spec.name())
        .withLabels(Labels.shared())
        .build());
    snapshotClass.setAdditionalProperty("driver", spec.driver());
    snapshotClass.setAdditionalProperty("deletionPolicy", spec.deletionPolicy());
    if (!spec.parameters().isEmpty()) {
      snapshotClass.setAdditionalProperty("parameters", spec.parameters());
    }
    return OutputObject.of(spec.name(), snapshotClass);
  }
}
