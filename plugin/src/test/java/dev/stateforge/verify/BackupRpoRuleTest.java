package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule backup-rpo on what the build writes: a patch that spaces the backup CronJob's runs beyond
 * backup.rpo, and an environment that switches the backup off, are reported; a spec whose backup
 * meets its rpo is not. (The golden cases show an app without backup, and an acknowledgement.)
 */
class BackupRpoRuleTest {
  @TempDir Path project;

  static final String SPEC = """
      include classpath("stateforge/presets/postgres.conf")
      name = orders-db
      namespace = data
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      env { POSTGRES_PASSWORD { secret { name = orders-db-auth, key = password } } }
      storage { data { size = 10Gi } }
      backup {
        schedule = "0 2 * * *"
        rpo = 26h
        target.volume { size = 20Gi }
      }
      acknowledge { single-replica = "one server; the nightly backups cover its loss" }
      """;

  List<String> rpoFindings(String more) throws IOException {
    Path specs = Files.createDirectories(project.resolve("specs"));
    Files.writeString(specs.resolve("orders-db.conf"), SPEC + more);
    CompileReport report = new Compiler().compile(new CompileRequest(project, specs, project.resolve("out"), Map.of()));
    assertThat(report.hasErrors()).as(report.diagnostics().toString()).isFalse();
    return report.diagnostics().stream().filter(d -> d.code().id().equals("backup-rpo")).map(Diagnostic::headline).toList();
  }

  @Test
  void aBackupThatMeetsItsRpoIsNotReported() throws IOException {
    assertThat(rpoFindings("")).isEmpty();
  }

  @Test
  void aPatchThatSpacesTheBackupsBeyondTheRpoIsReportedAtTheRpo() throws IOException {
    assertThat(rpoFindings("""
        patches = [{
          target { kind = CronJob, name = orders-db-backup }
          operations = [{ op = replace, path = /spec/schedule, value = "0 2 * * 0" }]
        }]
        """)).containsExactly("specs/orders-db.conf:10: warning: backup.rpo: orders-db: StatefulSet/orders-db is backed up by"
        + " CronJob/orders-db-backup on \"0 2 * * 0\", up to 7d apart, which misses rpo = 26h [backup-rpo]");
  }

  @Test
  void anEnvironmentWithoutTheBackupIsReported() throws IOException {
    List<String> findings = rpoFindings("environments { dev { backup.enabled = false } }\n");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0)).contains("environments.dev.backup")
        .contains("orders-db in dev: StatefulSet/orders-db keeps data in claims (data) that no backup covers");
  }
}
