package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.CronSchedule;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.VolumeSnapshotClassSpec;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Backups that could not run, or could not be restored: a schedule cron cannot read, a time zone
 * that is not in the IANA database, no dump command, a backup volume smaller than the data, an
 * object-storage target that could not reach its bucket or keeps nothing; and
 * monitoring that scrapes a port the app does not have.
 */
public final class BackupRules implements SpecRule {
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  @Override
  public void check(AppSpec app, Reporter report) {
    app.backups().ifPresent(backup -> checkBackup(app, backup, report));
    app.monitors().flatMap(m -> m.metricsPort()).ifPresent(port -> {
      List<String> ports = app.podPorts().stream().map(PortSpec::name).toList();
      if (!ports.contains(port)) {
        SpecPath path = SpecPath.of("monitoring", "port");
        String guess = Suggestions.closest(port, ports);
        report.error(Codes.MONITORING_PORT_UNKNOWN, path,
                "metrics port \"" + port + "\" is not declared under ports or a sidecar's ports")
            .hint(guess != null ? "did you mean \"" + guess + "\"?" : "declare it under ports, for example ports.metrics { port = 9187 }");
      }
    });
  }

  private static void checkBackup(AppSpec app, BackupSpec backup, Reporter report) {
    schedule(backup.schedule(), SpecPath.of("backup", "schedule"), report);
    backup.test().ifPresent(test -> schedule(test, SpecPath.of("backup", "test", "schedule"), report));
    if (!ZONES.contains(backup.timeZone())) {
      SpecPath path = SpecPath.of("backup", "timeZone");
      String guess = Suggestions.closest(backup.timeZone(), ZONES);
      report.error(Codes.TIME_ZONE, path,
              "\"" + ValueMask.cut(backup.timeZone()) + "\" is not an IANA time zone")
          .hint(guess != null ? "did you mean \"" + guess + "\"?" : "write a zone such as Etc/UTC or Europe/Berlin");
    }
    if (backup.snapshot().isPresent()) {
      checkSnapshot(app, backup.snapshot().get(), report);
    } else if (app.engine().dump().isEmpty()) {
      SpecPath path = SpecPath.of("backup", "target", backup.objectStorage().isPresent() ? "objectStorage" : "volume");
      report.error(Codes.DUMP_COMMAND_MISSING, path,
              "a dump to a volume needs the engine's dump command, and the spec has none")
          .hint("include an engine preset (include classpath(\"stateforge/presets/postgres.conf\")), or set engine.dump.command");
    }
    backup.objectStorage().ifPresent(target -> ObjectStorageRules.check(app.name(), target, report));
    RecoveryRules.check(app, backup, report);
    if (backup.snapshot().isEmpty() && app.engine().restore().isEmpty()) {
      SpecPath path = SpecPath.of("backup");
      report.warning(Codes.RESTORE_COMMAND_MISSING, path,
              "backups are written, but without engine.restore.command Stateforge cannot write a restore Job")
          .hint("include an engine preset, or set engine.restore.command");
    }
    if (backup.test().isPresent() && backup.snapshot().isPresent()) {
      SpecPath path = SpecPath.of("backup", "test");
      report.error(Codes.RESTORE_TEST_UNSUPPORTED, path,
              "the scheduled restore test reads dump files; snapshot backups have none")
          .hint("drop backup.test, or back up to a volume or to object storage");
    } else if (backup.test().isPresent() && app.engine().verify().isEmpty()) {
      SpecPath path = SpecPath.of("backup", "test");
      report.error(Codes.VERIFY_COMMAND_MISSING, path,
              "a restore test needs the engine's verify command, and the spec has none")
          .hint("include an engine preset, or set engine.verify.command");
    }
    backup.volume().ifPresent(volume -> app.dataVolume().ifPresent(data -> {
      if (volume.size().compareTo(data.size()) < 0) {
        SpecPath path = SpecPath.of("backup", "target", "volume", "size");
        report.warning(Codes.BACKUP_VOLUME_SMALL, path,
                "the backup volume (" + volume.size() + ") is smaller than the data volume \"" + data.name()
                    + "\" (" + data.size() + "), and it holds " + backup.keep() + " backups")
            .hint("size it for keep compressed dumps; when in doubt, at least the data volume's size");
      }
    }));
  }

  private static void checkSnapshot(AppSpec app, BackupSpec.SnapshotTarget target, Reporter report) {
    List<String> classes = app.volumeSnapshotClasses().stream().map(VolumeSnapshotClassSpec::name).toList();
    if (!classes.contains(target.snapshotClass())) {
      SpecPath path = SpecPath.of("backup", "target", "snapshot", "class");
      String guess = Suggestions.closest(target.snapshotClass(), classes);
      report.error(Codes.SNAPSHOT_CLASS_UNDECLARED, path,
              "VolumeSnapshotClass \"" + target.snapshotClass() + "\" is neither declared nor marked existing")
          .hint((guess != null ? "did you mean \"" + guess + "\"? Otherwise declare" : "declare")
              + " volumeSnapshotClasses." + target.snapshotClass() + " { driver = … }, or { existing = true }");
    }
    if (app.snapshotVolume(target).isEmpty()) {
      SpecPath path = SpecPath.of("backup", "target", "snapshot", target.volume() == null ? "class" : "volume");
      List<String> volumes = app.storage().perPodVolumes().stream().map(v -> v.name()).toList();
      report.error(Codes.SNAPSHOT_VOLUME_UNKNOWN, path,
              target.volume() == null ? "the app has no per-pod volume to snapshot"
                  : "\"" + target.volume() + "\" is not a per-pod volume of the app")
          .hint(volumes.isEmpty() ? "snapshots copy per-pod volumes; shared volumes are not supported"
              : "per-pod volumes: " + String.join(", ", volumes));
    }
  }

  static void schedule(String text, SpecPath path, Reporter report) {
    CronSchedule.problem(text).ifPresent(problem ->
        report.error(Codes.CRON_FORMAT, path, "\"" + ValueMask.cut(text) + "\" is not a cron schedule: " + problem)
            .hint("five fields: minute hour day-of-month month day-of-week, for example \"0 2 * * *\" for 02:00 every day"));
  }
}
