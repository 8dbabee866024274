package dev.stateforge.generate;

import dev.stateforge.spec.StorageClassSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;

/**
 * A declared StorageClass. Classes are cluster-scoped and outlive any one app, so they are written
 * under {@code cluster/}.
 */
public final class StorageClassGenerator {
  private StorageClassGenerator() {}

  public static OutputObject generate(StorageClassSpec spec) {
    StorageClass storageClass = new StorageClassBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(spec.name())
            .withLabels(Labels.shared())
            .build())
        .withProvisioner(spec.provisioner())
        .withParameters(spec.parameters().isEmpty() ? null : spec.parameters())
        .withReclaimPolicy(spec.reclaimPolicy())
        .withAllowVolumeExpansion(spec.allowVolumeExpansion())
        .withVolumeBindingMode(spec.volumeBindingMode())
        .withMountOptions(spec.mountOptions().isEmpty() ? null : spec.mountOptions())
        .build();
    return OutputObject.of(spec.name(), storageClass);
  }
}
