package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.EngineSpec;
import java.util.Optional;

/**
 * A restore drill that could not run (no off-site target, an engine that cannot start a throw-away
 * server, nothing to ask it), and a recovery-point objective the schedule can never meet.
 */
final class RecoveryRules {
  private RecoveryRules() {}

  static void check(AppSpec app, BackupSpec backup, Reporter report) {
    backup.drills().ifPresent(drill -> drill(app, backup, drill, report));
    backup.gapBeyondRpo(backup.schedule()).ifPresent(gap -> report.error(Codes.RPO_SHORTER_THAN_SCHEDULE,
            SpecPath.of("backup", "rpo"),
            "rpo = " + backup.rpo() + " is shorter than the longest gap between two backups of schedule \""
                + backup.schedule() + "\" (" + BackupSpec.text(gap) + "): data written just after one backup"
                + " waits that long for the next, so the objective can never be met")
        .hint("back up more often (the schedule), or set rpo to at least " + BackupSpec.text(gap)
            + " plus the time a backup takes"));
  }

  private static void drill(AppSpec app, BackupSpec backup, BackupSpec.Drill drill, Reporter report) {
    SpecPath at = SpecPath.of("backup", "drill");
    BackupRules.schedule(drill.schedule(), at.key("schedule"), report);
    if (backup.objectStorage().isEmpty()) {
      report.error(Codes.DRILL_UNSUPPORTED, at,
              "the restore drill restores the newest off-site snapshot, and this backup goes to "
                  + (backup.snapshot().isPresent() ? "volume snapshots" : "a volume in the cluster"))
          .hint("back up with target.objectStorage, or use backup.test to check the dumps on the backup volume");
      return;
    }
    Optional<EngineSpec.Drill> engine = app.engine().drills();
    if (engine.isEmpty()) {
      report.error(Codes.DRILL_UNSUPPORTED, at,
              "the restore drill needs to start a throw-away server of the engine, and the spec does not say how"
                  + " (engine.drill)")
          .hint("include an engine preset that has one (postgres, mysql, redis, mongodb), or set engine.drill"
              + " { start, run, stop }");
      return;
    }
    if (drill.smokeQuery() == null && engine.get().smokeQuery() == null) {
      report.error(Codes.DRILL_SMOKE_QUERY_MISSING, at,
              "the restore drill has no smoke query to ask the restored server: backup.drill.smokeQuery is not set"
                  + " and engine " + (app.engine().name() == null ? "" : app.engine().name() + " ")
                  + "has no default (engine.drill.smokeQuery)")
          .hint("name a query whose answer is never empty or 0, such as smokeQuery = \"SELECT count(*) FROM orders\"");
    }
  }
}
