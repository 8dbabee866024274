package dev.stateforge.verify;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The model classes policy rules read objects into, by {@code apiVersion} and {@code kind}. */
final class KnownKinds {
  private static final Map<String, Class<? extends HasMetadata>> MODELS = new TreeMap<>(Map.ofEntries(
      Map.entry("apps/v1/StatefulSet", StatefulSet.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/ServiceAccount", ServiceAccount.class),
      Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("batch/v1/CronJob", CronJob.class),
      Map.entry("batch/v1/Job", Job.class),
      Map.entry("storage.k8s.io/v1/StorageClass", StorageClass.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class)));

  private KnownKinds() {}

  static Optional<Class<? extends HasMetadata>> model(String apiVersion, String kind) {
    return Optional.ofNullable(MODELS.get(apiVersion + "/" + kind));
  }
}
