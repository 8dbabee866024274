package dev.stateforge.spec;

import java.util.Optional;

/**
 * Scheduled dumps to a volume of their own.
 *
 * @param schedule the cron text as written; checked by the backup rule, so it may be invalid here
 * @param volumeClass the backup volume's StorageClass, or null for the cluster default
 * @param testSchedule the scheduled restore test's cron text, or null for none
 */
public record BackupSpec(
    boolean enabled,
    String schedule,
    String timeZone,
    int keep,
    Quantity volumeSize,
    String volumeClass,
    int startingDeadlineSeconds,
    int activeDeadlineSeconds,
    int backoffLimit,
    Quantity cpu,
    Quantity memory,
    String testSchedule) {

  public Optional<String> test() {
    return Optional.ofNullable(testSchedule);
  }
}
