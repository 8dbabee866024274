package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An app that keeps data in claims needs a backup that meets its recovery-point objective: a backup
 * CronJob in what the build produces (an environment may switch it off), whose schedule leaves no gap
 * longer than backup.rpo (a patch may change it). Only compiled output is checked: hand-written YAML
 * has no spec to say how it is backed up.
 */
final class BackupRpoRule extends AbstractRule {
  BackupRpoRule() {
    super(Codes.BACKUP_RPO, Severity.WARNING,
        "apps that keep data in claims need a backup that meets their recovery-point objective");
  }

  @Override
  public List<Finding> check(OutputObject object, ObjectSet all) {
    if (!(object.object() instanceof StatefulSet set) || set.getSpec() == null
        || set.getSpec().getVolumeClaimTemplates() == null || set.getSpec().getVolumeClaimTemplates().isEmpty()) {
      return List.of();
    }
    Optional<AppSpec> app = all.context().app().apply(object);
    if (app.isEmpty()) {
      return List.of();
    }
    String claims = set.getSpec().getVolumeClaimTemplates().stream()
        .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).collect(Collectors.joining(", "));
    String name = app.get().name() + "-backup";
    Optional<CronJob> cron = all.ofType(CronJob.class).stream()
        .filter(c -> name.equals(c.getMetadata().getName())
            && Objects.equals(c.getMetadata().getNamespace(), set.getMetadata().getNamespace()))
        .findFirst();
    Optional<BackupSpec> backup = app.get().backups();
    if (backup.isEmpty() || cron.isEmpty()) {
      return List.of(finding(object, "/spec/volumeClaimTemplates", SpecKeys.BACKUP,
          object.displayName() + " keeps data in claims (" + claims + ") that no backup covers: a lost volume"
              + " leaves no recovery point to go back to",
          "add backup { schedule = \"0 2 * * *\", rpo = 26h, target.objectStorage { … } } (see the guide Backup and"
              + " restore); for data that rebuilds itself (a cache, replicas that re-sync from their peers),"
              + " acknowledge { backup-rpo = \"why\" }"));
    }
    String schedule = cron.get().getSpec().getSchedule();
    Optional<Duration> missed = backup.get().gapBeyondRpo(schedule);
    if (missed.isEmpty()) {
      return List.of();
    }
    Duration gap = missed.get();
    return List.of(finding(object, "/spec/volumeClaimTemplates", SpecKeys.BACKUP_RPO,
        object.displayName() + " is backed up by CronJob/" + name + " on \"" + schedule + "\", up to "
            + BackupSpec.text(gap) + " apart, which misses rpo = " + backup.get().rpo(),
        "schedule the backup at least every " + backup.get().rpo() + ", or acknowledge { backup-rpo = \"why\" }"));
  }
}
