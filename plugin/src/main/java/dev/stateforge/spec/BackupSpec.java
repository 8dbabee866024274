package dev.stateforge.spec;

import java.util.Optional;

/**
 * Scheduled backups: dumps to a volume of their own, CSI snapshots of the data volumes, or dumps
 * uploaded with restic to an S3-compatible bucket.
 *
 * @param schedule the cron text as written; checked by the backup rule, so it may be invalid here
 * @param testSchedule the scheduled restore test's cron text, or null for none
 */
public record BackupSpec(
    boolean enabled,
    String schedule,
    String timeZone,
    int keep,
    Target target,
    int startingDeadlineSeconds,
    int activeDeadlineSeconds,
    int backoffLimit,
    Quantity cpu,
    Quantity memory,
    String testSchedule) {

  /** Where backups go. */
  public sealed interface Target permits VolumeTarget, SnapshotTarget, ObjectStorageTarget {}

  /**
   * The engine's dump command writes into a claim of its own.
   *
   * @param storageClass null for the cluster default
   */
  public record VolumeTarget(Quantity size, String storageClass) implements Target {}

  /**
   * VolumeSnapshots of each replica's claim of one volume.
   *
   * @param volume the per-pod volume to snapshot, or null for the app's data volume
   * @param image an image with sh and kubectl
   */
  public record SnapshotTarget(String snapshotClass, String volume, String image) implements Target {}

  /**
   * The engine's dump, staged in an emptyDir, uploaded with restic into a bucket.
   *
   * @param path the repository's folder in the bucket, or null for namespace/name
   * @param region null to let restic find it
   * @param accessKeyId null when the spec gives no credentials Secret (a rule reports it)
   * @param password null when the spec gives no password Secret (a rule reports it)
   */
  public record ObjectStorageTarget(
      String endpoint,
      String bucket,
      String path,
      String region,
      SecretKey accessKeyId,
      SecretKey secretAccessKey,
      SecretKey password,
      String image,
      Retention keep,
      String pruneSchedule,
      String checkReadData) implements Target {}

  /** A key of a Secret in the app's namespace. */
  public record SecretKey(String secret, String key) {}

  /** restic forget's --keep-last, --keep-daily, …; 0 leaves a rule out. */
  public record Retention(int last, int daily, int weekly, int monthly, int yearly) {
    public boolean keepsNothing() {
      return last == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0;
    }
  }

  public Optional<String> test() {
    return Optional.ofNullable(testSchedule);
  }

  public Optional<VolumeTarget> volume() {
    return target instanceof VolumeTarget v ? Optional.of(v) : Optional.empty();
  }

  public Optional<ObjectStorageTarget> objectStorage() {
    return target instanceof ObjectStorageTarget o ? Optional.of(o) : Optional.empty();
  }

  public Optional<SnapshotTarget> snapshot() {
    return target instanceof SnapshotTarget s ? Optional.of(s) : Optional.empty();
  }
}
