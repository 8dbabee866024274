package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.VolumeSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumeClaims: the per-pod templates of the StatefulSet, and the standalone claims of
 * shared volumes.
 */
public final class PvcGenerator {
  private PvcGenerator() {}

  /** The name of the standalone claim of a shared volume. */
  public static String sharedClaimName(AppSpec app, VolumeSpec volume) {
    return app.name() + "-" + volume.name();
  }

  /**
   * A volumeClaimTemplate. It carries apiVersion and kind, as the API server returns them, which
   * keeps Argo CD's server-side diff from showing the StatefulSet as out of sync. Its labels are the
   * app's name and instance only: templates are immutable, so nothing that changes may go in (and not
   * a kept cluster.selector either: the snapshot scripts find claims by name and instance).
   */
  public static PersistentVolumeClaim template(AppSpec app, VolumeSpec volume) {
    return claim(volume, volume.name(), null, Labels.standard(app));
  }

  /** The standalone claims of shared volumes. */
  public static List<OutputObject> shared(AppSpec app) {
    return app.storage().sharedVolumes().stream()
        .map(v -> OutputObject.of(v.name(),
            claim(v, sharedClaimName(app, v), app.namespace(), Labels.common(app))))
        .toList();
  }

  private static PersistentVolumeClaim claim(VolumeSpec volume, String name, String namespace, Map<String, String> labels) {
    return claim(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build(),
        volume.accessModes(), volume.storageClass(), volume.size());
  }

  /** A claim of {@code size} on {@code storageClass} (null: the cluster's default class). */
  static PersistentVolumeClaim claim(
      ObjectMeta metadata, List<String> accessModes, String storageClass, dev.stateforge.spec.Quantity size) {
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withAccessModes(accessModes)
        .withStorageClassName(storageClass)
        .withNewResources()
        .addToRequests("storage", new Quantity(size.text()))
        .endResources()
        .endSpec()
        .build();
    claim.setApiVersion(ObjectKind.PERSISTENT_VOLUME_CLAIM.apiVersion());
    claim.setKind(ObjectKind.PERSISTENT_VOLUME_CLAIM.kind());
    return claim;
  }
}
