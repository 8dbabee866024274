package dev.stateforge.spec;

import java.util.Optional;

/**
 * Scheduled backups: dumps to a volume of their own, or CSI snapshots of the data volumes.
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
  public sealed interface Target permits VolumeTarget, SnapshotTarget {}

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

  public Optional<String> test() {
    return Optional.ofNullable(testSchedule);
  }

  public Optional<VolumeTarget> volume() {
    return target instanceof VolumeTarget v ? Optional.of(v) : Optional.empty();
  }

  public Optional<SnapshotTarget> snapshot() {
    return target instanceof SnapshotTarget s ? Optional.of(s) : Optional.empty();
  }
}
