package dev.stateforge.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * Scheduled backups: dumps to a volume of their own, CSI snapshots of the data volumes, or dumps
 * uploaded with restic to an S3-compatible bucket.
 *
 * @param schedule the cron text as written; checked by the backup rule, so it may be invalid here
 * @param testSchedule the scheduled restore test's cron text, or null for none
 * @param rpo the recovery-point objective as written ({@code 26h}), or null to derive it from the schedule
 * @param drill the scheduled restore drill, or null for none
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
    String testSchedule,
    String rpo,
    Drill drill) {

  /**
   * A live restore drill: the newest off-site snapshot restored into a throw-away server of the
   * engine inside the drill Job, then a smoke query against it.
   *
   * @param smokeQuery null for the engine's default
   * @param alertAfterDays null for twice the drill schedule's longest gap, in whole days
   */
  public record Drill(String schedule, String smokeQuery, Integer alertAfterDays) {}

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

  public Optional<Drill> drills() {
    return Optional.ofNullable(drill);
  }

  /**
   * The recovery-point objective: as written, or derived from the schedule as its longest gap plus
   * the backup's deadline (the newest backup is that old just before the next one finishes). The
   * schedule must be valid (the backup rule reports it first).
   */
  public Duration recoveryPoint() {
    return rpo != null ? duration(rpo) : new CronSchedule(schedule).longestGap().plusSeconds(activeDeadlineSeconds);
  }

  /**
   * The longest gap between two runs of {@code schedule} when it is longer than the written rpo: the
   * objective that schedule can never meet. Empty without an rpo, or for a schedule that is not valid
   * (the schedule's own rule reports it).
   */
  public Optional<Duration> gapBeyondRpo(String schedule) {
    if (rpo == null || schedule == null || CronSchedule.problem(schedule).isPresent()) {
      return Optional.empty();
    }
    Duration gap = new CronSchedule(schedule).longestGap();
    return gap.compareTo(duration(rpo)) > 0 ? Optional.of(gap) : Optional.empty();
  }

  /** {@code 90m}, {@code 26h}, {@code 2d} (the schema's pattern) as a duration. */
  public static Duration duration(String text) {
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("not a duration: " + text);
    };
  }

  /** A duration the way the spec writes one: whole days from two days on, else whole hours, else minutes. */
  public static String text(Duration duration) {
    long minutes = (duration.toSeconds() + 59) / 60;
    if (minutes % (24 * 60) == 0 && minutes >= 2 * 24 * 60) {
      return minutes / (24 * 60) + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
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
