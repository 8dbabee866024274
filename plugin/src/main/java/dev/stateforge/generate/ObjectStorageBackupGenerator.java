package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.BackupSpec.ObjectStorageTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups to an S3-compatible bucket with restic. Each Job pod runs two containers that share one
 * emptyDir: the backup dumps in the app's image (an init container) and uploads in the restic image;
 * the restore and the restore test fetch in the restic image (an init container), then load or
 * verify in the app's image. A third CronJob forgets by age, prunes and checks, apart from the
 * backups. Every container runs under the app's restricted pod security context; the credentials
 * and the repository password are Secret references.
 */
final class ObjectStorageBackupGenerator {
  private ObjectStorageBackupGenerator() {}

  static List<OutputObject> backup(AppSpec app, BackupSpec backup, ObjectStorageTarget target) {
    List<OutputObject> manifests = new ArrayList<>();
    String name = app.name() + "-backup";
    Container dump = engineContainer(app, backup, "dump", ObjectStorageScripts.dump(app.engine().dump().orElseThrow()),
        BackupGenerator.serverEnv(app, "BACKUP_HOST"), false);
    Container upload = resticContainer(app, backup, target, "upload", ObjectStorageScripts.upload(), List.of());
    manifests.add(OutputObject.of("backup", BackupGenerator.cronJob(app, backup, name, "backup", backup.schedule(),
        job(app, backup, "backup", List.of(dump), upload, false))));

    BackupSpec.Retention keep = target.keep();
    Container prune = resticContainer(app, backup, target, "prune", ObjectStorageScripts.prune(), List.of(
        BackupGenerator.literal("KEEP_LAST", Integer.toString(keep.last())),
        BackupGenerator.literal("KEEP_DAILY", Integer.toString(keep.daily())),
        BackupGenerator.literal("KEEP_WEEKLY", Integer.toString(keep.weekly())),
        BackupGenerator.literal("KEEP_MONTHLY", Integer.toString(keep.monthly())),
        BackupGenerator.literal("KEEP_YEARLY", Integer.toString(keep.yearly())),
        BackupGenerator.literal("CHECK_READ_DATA", target.checkReadData())));
    manifests.add(OutputObject.of("backup-prune", BackupGenerator.cronJob(app, backup, name + "-prune", "backup-prune",
        target.pruneSchedule(), job(app, backup, "backup-prune", List.of(), prune, false))));

    backup.test().ifPresent(schedule -> {
      String verify = ObjectStorageScripts.load(app.engine().verify().orElseThrow(), "verified");
      manifests.add(OutputObject.of("backup-test", BackupGenerator.cronJob(app, backup, name + "-test", "backup-test",
          schedule, fetchThen(app, backup, target, "backup-test", verify, false))));
    });
    backup.drills().ifPresent(drill -> manifests.addAll(DrillGenerator.drill(app, backup, target, drill)));
    return manifests;
  }

  static List<OutputObject> restore(AppSpec app, BackupSpec backup, ObjectStorageTarget target, String command) {
    JobSpec spec = new JobSpecBuilder(fetchThen(app, backup, target, "restore", ObjectStorageScripts.load(command, "restored"),
            app.engine().restoreOffline()))
        // One attempt: a restore that failed half-way needs a person, not a retry.
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(7 * 24 * 3600)
        .build();
    return List.of(OutputObject.of("restore", new JobBuilder()
        .withMetadata(BackupGenerator.metadata(app, app.name() + "-restore", "restore"))
        .withSpec(spec)
        .build()));
  }

  /** Fetch a snapshot's dump in the restic image, then run {@code script} on it in the app's image. */
  private static JobSpec fetchThen(
      AppSpec app, BackupSpec backup, ObjectStorageTarget target, String component, String script, boolean offline) {
    Container fetch = resticContainer(app, backup, target, "fetch", ObjectStorageScripts.fetch(), List.of(
        // Empty means the newest; set a snapshot id, or a UTC time to take the newest at or before it.
        BackupGenerator.literal("RESTORE_SNAPSHOT", ""),
        BackupGenerator.literal("RESTORE_BEFORE", "")));
    String host = component.equals("restore") ? "RESTORE_HOST" : "BACKUP_HOST";
    Container load = engineContainer(app, backup, component, script,
        BackupGenerator.serverEnv(app, host), offline);
    return job(app, backup, component, List.of(fetch), load, offline);
  }

  private static JobSpec job(
      AppSpec app, BackupSpec backup, String component, List<Container> first, Container main, boolean offline) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build());
    if (offline) {
      BackupGenerator.firstPodData(app).ifPresent(volumes::add);
    }
    return BackupGenerator.job(app, backup, component, BackupGenerator.appJobPod(app)
            .withInitContainers(first)
            .withContainers(main)
            .withVolumes(volumes)
            .build())
        .build();
  }

  /** A container of the app's image with the app's environment, as the volume target's. */
  static Container engineContainer(
      AppSpec app, BackupSpec backup, String name, String script, List<EnvVar> extra, boolean offline) {
    List<EnvVar> env = BackupGenerator.appEnv(app);
    env.addAll(common(app));
    env.addAll(extra);
    List<VolumeMount> mounts = new ArrayList<>(List.of(scratchMount()));
    if (offline) {
      BackupGenerator.firstPodDataMount(app).ifPresent(mounts::add);
    }
    return new ContainerBuilder()
        .withName(name)
        .withImage(app.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", script)
        .withEnv(env)
        .withResources(BackupGenerator.resources(backup))
        .withVolumeMounts(mounts)
        .withSecurityContext(StatefulSetGenerator.containerSecurityContext(app.security()))
        .build();
  }

  /** A container of the restic image: the repository, its password and the bucket's keys, nothing of the app's. */
  static Container resticContainer(
      AppSpec app, BackupSpec backup, ObjectStorageTarget target, String name, String script, List<EnvVar> extra) {
    List<EnvVar> env = new ArrayList<>(common(app));
    env.add(BackupGenerator.literal("RESTIC_REPOSITORY", repository(app, target)));
    env.add(secret("RESTIC_PASSWORD", target.password()));
    env.add(secret("AWS_ACCESS_KEY_ID", target.accessKeyId()));
    env.add(secret("AWS_SECRET_ACCESS_KEY", target.secretAccessKey()));
    if (target.region() != null) {
      env.add(BackupGenerator.literal("AWS_DEFAULT_REGION", target.region()));
    }
    // restic writes snapshot times in the local zone; the restore compares them as UTC.
    env.add(BackupGenerator.literal("TZ", "UTC"));
    env.add(BackupGenerator.literal("HOME", BackupGenerator.SCRATCH_DIR));
    env.addAll(extra);
    return new ContainerBuilder()
        .withName(name)
        .withImage(target.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", script)
        .withEnv(env)
        .withResources(BackupGenerator.resources(backup))
        .withVolumeMounts(scratchMount())
        .withSecurityContext(resticSecurity(app))
        .build();
  }

  /** The restic image starts as root: without a user from the spec it runs as the snapshot Jobs' fixed uid. */
  private static SecurityContext resticSecurity(AppSpec app) {
    SecurityContextBuilder security = new SecurityContextBuilder(StatefulSetGenerator.containerSecurityContext(app.security()))
        .withReadOnlyRootFilesystem(true);
    if (app.security().runAsUser() == null) {
      security.withRunAsUser(SnapshotBackupGenerator.UID).withRunAsGroup(SnapshotBackupGenerator.UID);
    }
    return security.build();
  }

  /** {@code s3:<endpoint>/<bucket>/<path>}; the path defaults to namespace/name, so apps never share a repository. */
  static String repository(AppSpec app, ObjectStorageTarget target) {
    String endpoint = target.endpoint().endsWith("/")
        ? target.endpoint().substring(0, target.endpoint().length() - 1) : target.endpoint();
    String path = target.path() != null ? target.path()
        : (app.namespace() != null ? app.namespace() + "/" : "") + app.name();
    return "s3:" + endpoint + "/" + target.bucket() + "/" + path;
  }

  private static List<EnvVar> common(AppSpec app) {
    return List.of(
        BackupGenerator.literal("APP", app.name()),
        BackupGenerator.literal("EXT", app.engine().dumpExtension()),
        BackupGenerator.literal("SCRATCH_DIR", BackupGenerator.SCRATCH_DIR));
  }

  private static EnvVar secret(String name, BackupSpec.SecretKey key) {
    return new EnvVarBuilder().withName(name).withNewValueFrom()
        .withNewSecretKeyRef().withName(key.secret()).withKey(key.key()).endSecretKeyRef()
        .endValueFrom().build();
  }

  static VolumeMount scratchMount() {
    return new VolumeMountBuilder().withName("scratch").withMountPath(BackupGenerator.SCRATCH_DIR).build();
  }
}
