package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/** Scheduled and one-off jobs (backups, restores) that run twice, never, or pile up. */
final class JobRules {
  private JobRules() {}

  static List<PolicyRule> all() {
    return List.of(new StartingDeadline(), new ConcurrencyForbid(), new JobTtl());
  }

  /** Without a deadline, a controller that was down counts missed runs and may stop scheduling at 100. */
  static final class StartingDeadline extends AbstractRule {
    StartingDeadline() {
      super(Codes.CRONJOB_STARTING_DEADLINE, Severity.WARNING, "CronJobs should set startingDeadlineSeconds");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof CronJob cron) || cron.getSpec() == null || cron.getSpec().getStartingDeadlineSeconds() != null) {
        return List.of();
      }
      return List.of(finding(object, "/spec", SpecKeys.BACKUP,
          object.displayName() + " has no startingDeadlineSeconds: after controller downtime it may never run again",
          "set startingDeadlineSeconds"));
    }
  }

  /** Two backups of one database at once compete for I/O and may overwrite each other's files. */
  static final class ConcurrencyForbid extends AbstractRule {
    ConcurrencyForbid() {
      super(Codes.CRONJOB_CONCURRENCY_FORBID, Severity.WARNING, "CronJobs should not overlap (concurrencyPolicy: Forbid)");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof CronJob cron) || cron.getSpec() == null || "Forbid".equals(cron.getSpec().getConcurrencyPolicy())) {
        return List.of();
      }
      return List.of(finding(object, "/spec/concurrencyPolicy", SpecKeys.BACKUP,
          object.displayName() + " lets a run start while the previous one is still going",
          "set concurrencyPolicy: Forbid"));
    }
  }

  /**
   * A CronJob keeps its finished jobs by history limits, which a TTL would undercut (a failed backup
   * vanishes before anyone looks); a standalone Job has no owner to clean it up, so it needs a TTL.
   */
  static final class JobTtl extends AbstractRule {
    JobTtl() {
      super(Codes.JOB_TTL, Severity.WARNING, "standalone Jobs need ttlSecondsAfterFinished; CronJob jobs must not have it");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (object.object() instanceof CronJob cron && cron.getSpec() != null && cron.getSpec().getJobTemplate() != null
          && cron.getSpec().getJobTemplate().getSpec() != null
          && cron.getSpec().getJobTemplate().getSpec().getTtlSecondsAfterFinished() != null) {
        return List.of(finding(object, "/spec/jobTemplate/spec/ttlSecondsAfterFinished", SpecKeys.BACKUP,
            object.displayName() + " deletes finished jobs by TTL, so a failed run can vanish before anyone sees it",
            "drop ttlSecondsAfterFinished and keep failed jobs with failedJobsHistoryLimit"));
      }
      if (object.object() instanceof Job job && job.getSpec() != null && job.getSpec().getTtlSecondsAfterFinished() == null) {
        return List.of(finding(object, "/spec", SpecKeys.BACKUP,
            object.displayName() + " has no ttlSecondsAfterFinished, so the finished Job and its pods stay forever",
            "set ttlSecondsAfterFinished"));
      }
      return List.of();
    }
  }
}
