package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Backups of an app as three kustomize Components: {@code backup} (the backup volume and a CronJob
 * that dumps into it; or snapshots, or uploads to object storage, each in a generator of its own), {@code restore} (a Job that loads the newest or a named backup; never in the
 * default overlay), and, when asked, a scheduled restore test inside {@code backup}. Backup pods run
 * the app's own image (the dump tool then matches the server) under the app's restricted security
 * context, and carry labels that the app's Services and budget do not select.
 */
public final class BackupGenerator {
  static final String BACKUP_DIR = "/backup";
  static final String SCRATCH_DIR = "/scratch";
  private static final long RESTORE_TTL_SECONDS = 7 * 24 * 3600;

  private BackupGenerator() {}

  public static String claimName(AppSpec app) {
    return app.name() + "-backup";
  }

  /** The backup component: the backup volume, the CronJob, and the restore test if the spec asks for one. */
  public static List<OutputObject> backup(AppSpec app) {
    BackupSpec backup = app.backups().orElseThrow();
    if (backup.snapshot().isPresent()) {
      return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP,
          SnapshotBackupGenerator.backup(app, backup, backup.snapshot().get()));
    }
    if (backup.objectStorage().isPresent()) {
      return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP,
          ObjectStorageBackupGenerator.backup(app, backup, backup.objectStorage().get()));
    }
    List<OutputObject> manifests = new ArrayList<>();
    manifests.add(OutputObject.of("backup", backupClaim(app, backup)));
    String script = BackupScripts.backup(app.engine().dump().orElseThrow());
    manifests.add(OutputObject.of("backup",
        cronJob(app, backup, app.name() + "-backup", "backup", backup.schedule(), script, false)));
    backup.test().ifPresent(schedule -> {
      String test = BackupScripts.restore(app.engine().verify().orElseThrow(), "verified");
      manifests.add(OutputObject.of("backup-test",
          cronJob(app, backup, app.name() + "-backup-test", "backup-test", schedule, test, true)));
    });
    return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP, manifests);
  }

  /** The restore component: one Job, applied by hand when a restore is needed; empty without a restore command. */
  public static List<OutputObject> restore(AppSpec app) {
    BackupSpec backup = app.backups().orElseThrow();
    if (backup.snapshot().isPresent()) {
      return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP,
          SnapshotBackupGenerator.restore(app, backup, backup.snapshot().get()));
    }
    Optional<String> command = app.engine().restore();
    if (command.isEmpty()) {
      return List.of();
    }
    if (backup.objectStorage().isPresent()) {
      return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP,
          ObjectStorageBackupGenerator.restore(app, backup, backup.objectStorage().get(), command.get()));
    }
    String script = BackupScripts.restore(command.get(), "restored");
    Job job = new JobBuilder()
        .withMetadata(metadata(app, app.name() + "-restore", "restore"))
        .withSpec(new JobSpecBuilder(jobSpec(app, backup, "restore", script, true).build())
            // One attempt: a restore that failed half-way needs a person, not a retry.
            .withBackoffLimit(0)
            .withTtlSecondsAfterFinished((int) RESTORE_TTL_SECONDS)
            .build())
        .build();
    return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BACKUP, List.of(OutputObject.of("restore", job)));
  }

  private static PersistentVolumeClaim backupClaim(AppSpec app, BackupSpec backup) {
    BackupSpec.VolumeTarget target = backup.volume().orElseThrow();
    return PvcGenerator.claim(metadata(app, claimName(app), "backup"), List.of("ReadWriteOnce"), target.storageClass(),
        target.size());
  }

  static CronJob cronJob(
      AppSpec app, BackupSpec backup, String name, String component, String schedule, String script, boolean scratch) {
    return cronJob(app, backup, name, component, schedule, jobSpec(app, backup, component, script, scratch).build());
  }

  static CronJob cronJob(AppSpec app, BackupSpec backup, String name, String component, String schedule, JobSpec job) {
    return new CronJobBuilder()
        .withMetadata(metadata(app, name, component))
        .withNewSpec()
        .withSchedule(schedule)
        .withTimeZone(backup.timeZone())
        // Two dumps of one database at once compete for I/O and may clobber each other's files.
        .withConcurrencyPolicy("Forbid")
        .withStartingDeadlineSeconds((long) backup.startingDeadlineSeconds())
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(podLabels(app, component)).endMetadata()
        .withSpec(job)
        .endJobTemplate()
        .endSpec()
        .build();
  }

  static JobSpecBuilder jobSpec(AppSpec app, BackupSpec backup, String component, String script, boolean restoring) {
    return job(app, backup, component, podSpec(app, backup, component, script, restoring));
  }

  /** A Job of the backup components (every target's): the spec's retries and deadline, the component's pod labels. */
  static JobSpecBuilder job(AppSpec app, BackupSpec backup, String component, PodSpec pod) {
    return new JobSpecBuilder()
        .withBackoffLimit(backup.backoffLimit())
        .withActiveDeadlineSeconds((long) backup.activeDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels(app, component)).endMetadata()
        .withSpec(pod)
        .endTemplate();
  }

  /** The pod of a Job that runs in the app's image: run once, no API token, no service links, the app's pod security. */
  static PodSpecBuilder appJobPod(AppSpec app) {
    return new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(StatefulSetGenerator.podSecurityContext(app.security()));
  }

  /**
   * An offline restore replaces the engine's files: pod 0's data claim, to mount where the app mounts
   * its data while the app is scaled to 0.
   */
  static Optional<Volume> firstPodData(AppSpec app) {
    return app.dataVolume().map(data -> new VolumeBuilder().withName(data.name()).withNewPersistentVolumeClaim()
        .withClaimName(data.name() + "-" + app.firstPodName()).endPersistentVolumeClaim().build());
  }

  static Optional<VolumeMount> firstPodDataMount(AppSpec app) {
    return app.dataVolume().map(data -> new VolumeMountBuilder().withName(data.name()).withMountPath(data.mountPath()).build());
  }

  /** A backup Job container's CPU request and memory request and limit, from backup.resources. */
  static ResourceRequirements resources(BackupSpec backup) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(backup.cpu().text()))
        .addToRequests("memory", new Quantity(backup.memory().text()))
        .addToLimits("memory", new Quantity(backup.memory().text()))
        .build();
  }

  private static PodSpec podSpec(AppSpec app, BackupSpec backup, String component, String script, boolean restoring) {
    boolean offline = restoring && component.equals("restore") && app.engine().restoreOffline();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("backup").withNewPersistentVolumeClaim()
        .withClaimName(claimName(app)).withReadOnly(restoring).endPersistentVolumeClaim().build());
    mounts.add(new VolumeMountBuilder().withName("backup").withMountPath(BACKUP_DIR).withReadOnly(restoring).build());
    volumes.add(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build());
    mounts.add(new VolumeMountBuilder().withName("scratch").withMountPath(SCRATCH_DIR).build());
    if (offline) {
      firstPodData(app).ifPresent(volumes::add);
      firstPodDataMount(app).ifPresent(mounts::add);
    }
    Container container = new ContainerBuilder()
        .withName(component)
        .withImage(app.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", script)
        .withEnv(env(app, backup, component))
        .withResources(resources(backup))
        .withVolumeMounts(mounts)
        .withSecurityContext(StatefulSetGenerator.containerSecurityContext(app.security()))
        .build();
    return appJobPod(app)
        .withContainers(container)
        .withVolumes(volumes)
        .build();
  }

  /** The app container's environment (so secret references reach the engine's tools), then the scripts' own. */
  private static List<EnvVar> env(AppSpec app, BackupSpec backup, String component) {
    List<EnvVar> env = appEnv(app);
    env.add(literal("APP", app.name()));
    env.add(literal("EXT", app.engine().dumpExtension()));
    env.add(literal("BACKUP_DIR", BACKUP_DIR));
    env.add(literal("SCRATCH_DIR", SCRATCH_DIR));
    if (component.equals("backup")) {
      env.add(literal("KEEP", Integer.toString(backup.keep())));
      env.addAll(serverEnv(app, "BACKUP_HOST"));
    } else {
      env.addAll(serverEnv(app, "RESTORE_HOST"));
      // Empty means the newest backup; set a file name (orders-db-20261125T020000Z.pgdump.gz) to pick one.
      env.add(literal("RESTORE_FILE", ""));
    }
    return env;
  }

  /** The app container's own environment, so that secret references reach the engine's tools. */
  static List<EnvVar> appEnv(AppSpec app) {
    List<EnvVar> env = new ArrayList<>();
    for (EnvVarSpec spec : app.env()) {
      env.add(StatefulSetGenerator.envVar(spec));
    }
    return env;
  }

  /**
   * Where the engine's commands find the server: {@code hostVariable} names the primary, and an
   * engine that replicates also gets {@code MEMBER_HOSTS}, every member's stable name in ordinal
   * order (space-separated), so that its dump command can pick a healthy standby and its restore can
   * find the primary of a replica set. The list follows the replicas of each environment.
   */
  static List<EnvVar> serverEnv(AppSpec app, String hostVariable) {
    List<EnvVar> env = new ArrayList<>();
    env.add(literal(hostVariable, serverHost(app)));
    if (app.engine().replication() == EngineSpec.Replication.REPLICATED) {
      List<String> members = PeerList.ordinals(app).stream().map(ordinal -> host(app, ordinal)).toList();
      env.add(literal("MEMBER_HOSTS", String.join(" ", members)));
    }
    return env;
  }

  /**
   * The primary by its stable name through the headless Service: the pod a Service of one ordinal
   * selects (services.primary.ordinal, which a failover moves), else the first pod (pod 0 unless
   * ordinals.start moves it). With several replicas the client Service would pick any of them, and an
   * engine without replication would back up (or restore into) a different server each time.
   */
  static String serverHost(AppSpec app) {
    long primary = app.services().stream().map(ServiceSpec::ordinal).filter(Objects::nonNull).findFirst()
        .map(Integer::longValue).orElse((long) app.cluster().ordinalsStart());
    return host(app, primary);
  }

  private static String host(AppSpec app, long ordinal) {
    return app.podName(ordinal) + "." + app.headlessServiceName();
  }

  static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static ObjectMeta metadata(AppSpec app, String name, String component) {
    Map<String, String> labels = new TreeMap<>(Labels.common(app));
    labels.put(Labels.COMPONENT, component);
    return new ObjectMetaBuilder().withName(name).withNamespace(app.namespace()).withLabels(labels).build();
  }

  /**
   * Pod labels of backup Jobs: the app's name label is changed on purpose, so that the app's
   * Services, disruption budget and spread constraints never select a backup pod.
   */
  static Map<String, String> podLabels(AppSpec app, String component) {
    Map<String, String> labels = new TreeMap<>(Labels.common(app));
    labels.put(Labels.NAME, app.name() + "-" + component);
    labels.put(Labels.COMPONENT, component);
    if (Labels.selects(app, labels)) {
      // A kept selector (cluster.selector) made only of labels a backup pod has too: drop them.
      labels.keySet().removeAll(Labels.selector(app).keySet());
    }
    return labels;
  }
}
