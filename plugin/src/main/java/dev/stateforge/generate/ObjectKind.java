package dev.stateforge.generate;

import dev.stateforge.diag.StateforgeBug;
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
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every Kubernetes kind Stateforge writes or validates, and all it needs to know about each, so
 * that a new kind is one line here: its sync wave group, the file an object of it goes to, its
 * scope, and the fabric8 model that policy rules read a validated object into (none: the rules
 * have nothing to say about it). The order is the order the {@code unknown-kind} hint lists them.
 */
public enum ObjectKind {
  STATEFUL_SET("apps/v1", "StatefulSet", Wave.WORKLOAD, "statefulset", Scope.NAMESPACED, StatefulSet.class),
  SERVICE("v1", "Service", Wave.CONFIG, "service", Scope.NAMESPACED, Service.class),
  PERSISTENT_VOLUME_CLAIM("v1", "PersistentVolumeClaim", Wave.CLAIMS, "pvc", Scope.NAMESPACED, PersistentVolumeClaim.class),
  CONFIG_MAP("v1", "ConfigMap", Wave.CONFIG, "configmap", Scope.NAMESPACED, ConfigMap.class),
  SERVICE_ACCOUNT("v1", "ServiceAccount", Wave.CONFIG, "serviceaccount", Scope.NAMESPACED, ServiceAccount.class),
  ROLE("rbac.authorization.k8s.io/v1", "Role", Wave.CONFIG, "role", Scope.NAMESPACED, Role.class),
  ROLE_BINDING("rbac.authorization.k8s.io/v1", "RoleBinding", Wave.CONFIG, "rolebinding", Scope.NAMESPACED, RoleBinding.class),
  POD_DISRUPTION_BUDGET("policy/v1", "PodDisruptionBudget", Wave.GUARDS, "poddisruptionbudget", Scope.NAMESPACED,
      PodDisruptionBudget.class),
  /** Written as a generic object: no policy rule reads it. */
  NETWORK_POLICY("networking.k8s.io/v1", "NetworkPolicy", Wave.CONFIG, "networkpolicy", Scope.NAMESPACED, null),
  JOB("batch/v1", "Job", Wave.BACKUPS, "job", Scope.NAMESPACED, Job.class),
  CRON_JOB("batch/v1", "CronJob", Wave.BACKUPS, "cronjob", Scope.NAMESPACED, CronJob.class),
  STORAGE_CLASS("storage.k8s.io/v1", "StorageClass", Wave.CLUSTER, "storageclass", Scope.CLUSTER, StorageClass.class),
  /** Taken by the backup CronJob at run time, never written; validate knows it in hand-written files. */
  VOLUME_SNAPSHOT("snapshot.storage.k8s.io/v1", "VolumeSnapshot", Wave.NONE, "volumesnapshot", Scope.NAMESPACED, null),
  VOLUME_SNAPSHOT_CLASS("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass", Wave.CLUSTER, "volumesnapshotclass",
      Scope.CLUSTER, null),
  SERVICE_MONITOR("monitoring.coreos.com/v1", "ServiceMonitor", Wave.GUARDS, "servicemonitor", Scope.NAMESPACED, null),
  POD_MONITOR("monitoring.coreos.com/v1", "PodMonitor", Wave.GUARDS, "podmonitor", Scope.NAMESPACED, null),
  PROMETHEUS_RULE("monitoring.coreos.com/v1", "PrometheusRule", Wave.GUARDS, "prometheusrule", Scope.NAMESPACED, null),
  /** GitOps targets are applied by hand to the cluster that runs Argo CD or Flux: no wave. */
  APPLICATION("argoproj.io/v1alpha1", "Application", Wave.NONE, "application", Scope.NAMESPACED, null),
  APPLICATION_SET("argoproj.io/v1alpha1", "ApplicationSet", Wave.NONE, "applicationset", Scope.NAMESPACED, null),
  FLUX_KUSTOMIZATION("kustomize.toolkit.fluxcd.io/v1", "Kustomization", Wave.NONE, "flux-kustomization",
      Scope.NAMESPACED, null);

  /** The sync wave group of {@code gitops.syncWaves} that objects of a kind join. */
  public enum Wave { CLUSTER, CONFIG, WORKLOAD, GUARDS, BACKUPS, CLAIMS, NONE }

  /** Cluster-scoped objects are shared by apps and go under {@code cluster/}. */
  public enum Scope { CLUSTER, NAMESPACED }

  private final String apiVersion;
  private final String kind;
  private final Wave wave;
  private final String filePrefix;
  private final Scope scope;
  private final Class<? extends HasMetadata> model;

  ObjectKind(String apiVersion, String kind, Wave wave, String filePrefix, Scope scope, Class<? extends HasMetadata> model) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.wave = wave;
    this.filePrefix = filePrefix;
    this.scope = scope;
    this.model = model;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public Wave wave() {
    return wave;
  }

  public Scope scope() {
    return scope;
  }

  /** The fabric8 class policy rules read an object of this kind as; empty when no rule reads it. */
  public Optional<Class<? extends HasMetadata>> model() {
    return Optional.ofNullable(model);
  }

  /** {@code statefulset.yaml}: the file of the only object of this kind in its folder. */
  public String fileName() {
    return filePrefix + ".yaml";
  }

  /** {@code pvc-backup.yaml}: the file of one of several objects of this kind in a folder. */
  public String fileName(String qualifier) {
    return filePrefix + "-" + qualifier + ".yaml";
  }

  public static Optional<ObjectKind> of(String apiVersion, String kind) {
    return Arrays.stream(values()).filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
  }

  /** The kind of a generated object, which is always in the table. */
  public static ObjectKind of(HasMetadata object) {
    return of(object.getApiVersion(), object.getKind())
        .orElseThrow(() -> new StateforgeBug("no kind in the table for " + object.getApiVersion()
            + " " + object.getKind()));
  }

  /**
   * The hint of {@code validate}'s unknown-kind error: every kind by name. Flux's Kustomization is
   * qualified, as a reader would otherwise take it for kustomize's own file, which is not an object.
   */
  public static String knownKinds() {
    return Arrays.stream(values())
        .map(k -> k == FLUX_KUSTOMIZATION ? k.kind + " (kustomize.toolkit.fluxcd.io)" : k.kind)
        .collect(Collectors.joining(", "));
  }
}
