package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.VolumeSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot backups: a CronJob that takes a CSI VolumeSnapshot of each replica's claim and keeps the
 * newest {@code keep}, and a restore Job that recreates the claims from the snapshots of one point
 * in time while the app is scaled to 0. Each runs under a ServiceAccount whose Role allows only
 * what its script does, in the app's namespace.
 */
final class SnapshotBackupGenerator {
  /** A fixed non-root uid: the kubectl image's own user is not known, and the restricted profile needs one. */
  static final long UID = 65532;
  private static final int READY_TIMEOUT_SECONDS = 600;

  private SnapshotBackupGenerator() {}

  static List<OutputObject> backup(AppSpec app, BackupSpec backup, BackupSpec.SnapshotTarget target) {
    String name = app.name() + "-backup";
    List<PolicyRule> rules = List.of(
        rule("", "persistentvolumeclaims", "get", "list"),
        rule("snapshot.storage.k8s.io", "volumesnapshots", "get", "list", "create", "patch", "delete"));
    JobSpec job = job(app, backup, target, "backup", name, SnapshotScripts.backup()).build();
    List<OutputObject> manifests = new ArrayList<>(access(app, name, "backup", rules));
    manifests.add(OutputObject.of("backup", BackupGenerator.cronJob(app, backup, name, "backup", backup.schedule(), job)));
    return manifests;
  }

  static List<OutputObject> restore(AppSpec app, BackupSpec backup, BackupSpec.SnapshotTarget target) {
    String name = app.name() + "-restore";
    List<PolicyRule> rules = List.of(
        rule("apps", "statefulsets", "get"),
        rule("", "persistentvolumeclaims", "get", "list", "create", "patch", "delete"),
        rule("snapshot.storage.k8s.io", "volumesnapshots", "get", "list"));
    List<OutputObject> manifests = new ArrayList<>(access(app, name, "restore", rules));
    manifests.add(OutputObject.of("restore", new JobBuilder()
        .withMetadata(BackupGenerator.metadata(app, name, "restore"))
        .withSpec(new JobSpecBuilder(job(app, backup, target, "restore", name, SnapshotScripts.restore()).build())
            .withBackoffLimit(0)
            .withTtlSecondsAfterFinished(7 * 24 * 3600)
            .build())
        .build()));
    return manifests;
  }

  /** The ServiceAccount, Role and RoleBinding a script runs under. */
  private static List<OutputObject> access(AppSpec app, String name, String component, List<PolicyRule> rules) {
    return List.of(
        OutputObject.of(component, new ServiceAccountBuilder()
            .withMetadata(BackupGenerator.metadata(app, name, component))
            .build()),
        OutputObject.of(component, new RoleBuilder()
            .withMetadata(BackupGenerator.metadata(app, name, component))
            .withRules(rules)
            .build()),
        OutputObject.of(component, new RoleBindingBuilder()
            .withMetadata(BackupGenerator.metadata(app, name, component))
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(app.namespace()).endSubject()
            .build()));
  }

  private static PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
  }

  private static JobSpecBuilder job(
      AppSpec app, BackupSpec backup, BackupSpec.SnapshotTarget target, String component, String account, String script) {
    VolumeSpec volume = app.snapshotVolume(target).orElseThrow();
    List<EnvVar> env = new ArrayList<>(List.of(
        BackupGenerator.literal("APP", app.name()),
        BackupGenerator.literal("VOLUME", volume.name()),
        BackupGenerator.literal("SCRATCH_DIR", BackupGenerator.SCRATCH_DIR),
        // kubectl keeps a discovery cache under $HOME; the root file system is read-only.
        BackupGenerator.literal("HOME", BackupGenerator.SCRATCH_DIR)));
    if (component.equals("backup")) {
      env.add(BackupGenerator.literal("SNAPSHOT_CLASS", target.snapshotClass()));
      env.add(BackupGenerator.literal("KEEP", Integer.toString(backup.keep())));
      env.add(BackupGenerator.literal("READY_TIMEOUT_SECONDS", Integer.toString(READY_TIMEOUT_SECONDS)));
    } else {
      env.add(BackupGenerator.literal("SIZE", volume.size().text()));
      env.add(BackupGenerator.literal("STORAGE_CLASS", volume.storageClass() == null ? "" : volume.storageClass()));
      env.add(BackupGenerator.literal("ACCESS_MODES", String.join(", ", volume.accessModes())));
      // Empty means the newest snapshots; set a time such as 20261125-020000 to pick one.
      env.add(BackupGenerator.literal("RESTORE_STAMP", ""));
    }
    return BackupGenerator.job(app, backup, component, new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withServiceAccountName(account)
            .withAutomountServiceAccountToken(true)
            .withEnableServiceLinks(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .endSecurityContext()
            .withContainers(new ContainerBuilder()
                .withName(component)
                .withImage(target.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script)
                .withEnv(env)
                .withResources(BackupGenerator.resources(backup))
                .withVolumeMounts(new VolumeMountBuilder().withName("scratch").withMountPath(BackupGenerator.SCRATCH_DIR).build())
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .endSecurityContext()
                .build())
            .withVolumes(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build())
            .build());
  }
}
