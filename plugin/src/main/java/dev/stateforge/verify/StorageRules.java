package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings that delete data when a claim or a StatefulSet goes away. */
final class StorageRules {
  private StorageRules() {}

  static List<PolicyRule> all() {
    return List.of(new ReclaimDelete(), new RetentionDelete());
  }

  /** A class with reclaimPolicy Delete destroys the volume with its claim: one bad prune loses the data. */
  static final class ReclaimDelete extends AbstractRule {
    ReclaimDelete() {
      super(Codes.STORAGE_CLASS_RECLAIM_DELETE, Severity.WARNING, "StorageClasses that hold data should reclaim with Retain");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StorageClass storageClass) || !"Delete".equals(storageClass.getReclaimPolicy())) {
        return List.of();
      }
      String name = ObjectSet.name(storageClass);
      boolean holdsData = all.ofType(PersistentVolumeClaim.class).stream()
              .anyMatch(c -> c.getSpec() != null && Objects.equals(name, c.getSpec().getStorageClassName()))
          || all.ofType(StatefulSet.class).stream()
              .filter(s -> s.getSpec() != null && s.getSpec().getVolumeClaimTemplates() != null)
              .flatMap(s -> s.getSpec().getVolumeClaimTemplates().stream())
              .anyMatch(c -> c.getSpec() != null && Objects.equals(name, c.getSpec().getStorageClassName()));
      if (!holdsData) {
        return List.of();
      }
      return List.of(finding(object, "/reclaimPolicy", SpecKeys.storageClass(name, "reclaimPolicy"),
          object.displayName() + " deletes the volume with its claim (reclaimPolicy Delete), and claims of this build use it",
          "use reclaimPolicy = Retain (the default) for classes that hold data"));
    }
  }

  /** Delete retention removes each pod's claim, and so its data, with the StatefulSet or on scale-down. */
  static final class RetentionDelete extends AbstractRule {
    RetentionDelete() {
      super(Codes.PVC_RETENTION_DELETE, Severity.WARNING, "StatefulSets should retain their claims when deleted or scaled down");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StatefulSet set) || set.getSpec() == null) {
        return List.of();
      }
      StatefulSetPersistentVolumeClaimRetentionPolicy policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
      List<Finding> out = new ArrayList<>();
      if (policy != null && "Delete".equals(policy.getWhenDeleted())) {
        out.add(finding(object, "/spec/persistentVolumeClaimRetentionPolicy/whenDeleted", SpecKeys.retention("whenDeleted"),
            object.displayName() + " deletes every pod's claim, and its data, when the StatefulSet is deleted",
            "use storage.retention.whenDeleted = Retain (the default)"));
      }
      if (policy != null && "Delete".equals(policy.getWhenScaled())) {
        out.add(finding(object, "/spec/persistentVolumeClaimRetentionPolicy/whenScaled", SpecKeys.retention("whenScaled"),
            object.displayName() + " deletes the claims of pods removed by a scale-down",
            "use storage.retention.whenScaled = Retain, unless the data is a cache that rebuilds itself"));
      }
      return out;
    }
  }
}
