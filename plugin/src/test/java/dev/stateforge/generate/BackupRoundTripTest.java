package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup CronJob, the restore Job and the restore test agree on where backups live and what they
 * are called: this test runs the three generated scripts for real, with sh, against one folder, with
 * stand-in engine commands, and restores what was backed up.
 */
class BackupRoundTripTest {
  @TempDir Path project;
  @TempDir Path backups;
  Path scratch;
  Map<String, JsonNode> manifests = new HashMap<>();

  static final String SPEC = """
      name = notes
      image = "ghcr.io/acme/notes:1.0.0"
      replicas = 2
      ports { api { port = 8080 } }
      resources { cpu = 100m, memory = 64Mi }
      probes { readiness { tcp.port = api }, liveness { tcp.port = api } }
      storage { data { mountPath = /data, size = 1Gi } }
      engine {
        dump { command = "printf 'notes from %s\\\\n' \\"$BACKUP_HOST\\" > \\"$DUMP_FILE\\"", extension = txt }
        restore { command = "cp \\"$DUMP_FILE\\" \\"$SCRATCH_DIR/restored\\"" }
        verify { command = "grep -q 'notes from' \\"$DUMP_FILE\\"" }
      }
      backup {
        schedule = "0 2 * * *"
        keep = 2
        target.volume { size = 2Gi }
        test.schedule = "0 6 * * 0"
      }
      """;

  @BeforeEach
  void compile() throws IOException {
    Path specs = Files.createDirectories(project.resolve("specs"));
    Files.writeString(specs.resolve("notes.conf"), SPEC);
    CompileReport report = new Compiler().compile(new CompileRequest(project, specs, project.resolve("out"), Map.of()));
    assertThat(report.hasErrors()).as(report.diagnostics().toString()).isFalse();
    YAMLMapper yaml = new YAMLMapper();
    for (var file : report.tree().files().entrySet()) {
      manifests.put(file.getKey(), yaml.readTree(file.getValue()));
    }
    scratch = Files.createDirectories(project.resolve("scratch"));
  }

  JsonNode container(String file, String pod) {
    return manifests.get(file).at(pod + "/containers/0");
  }

  static final String CRON_POD = "/spec/jobTemplate/spec/template/spec";
  static final String JOB_POD = "/spec/template/spec";

  @Test
  void allThreeMountTheSameClaimWhereTheScriptsLook() {
    for (String[] where : List.of(
        new String[] {"notes/components/backup/cronjob-backup.yaml", CRON_POD},
        new String[] {"notes/components/backup/cronjob-backup-test.yaml", CRON_POD},
        new String[] {"notes/components/restore/job-restore.yaml", JOB_POD})) {
      JsonNode pod = manifests.get(where[0]).at(where[1]);
      assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText()).as(where[0]).isEqualTo("notes-backup");
      assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo(env(pod.at("/containers/0")).get("BACKUP_DIR"));
    }
    assertThat(manifests.get("notes/components/backup/pvc-backup.yaml").at("/metadata/name").asText()).isEqualTo("notes-backup");
  }

  @Test
  void backupsRotateAndTheNewestRestores() throws Exception {
    for (int i = 0; i < 3; i++) {
      run("notes/components/backup/cronjob-backup.yaml", CRON_POD, Map.of()).assertSucceeded();
      Thread.sleep(1100); // backup names carry the second they were taken
    }
    List<String> files;
    try (Stream<Path> list = Files.list(backups)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).hasSize(4).allMatch(f -> f.matches("notes-\\d{8}T\\d{6}Z\\.txt\\.gz(\\.sha256)?"));

    Result restore = run("notes/components/restore/job-restore.yaml", JOB_POD, Map.of());
    restore.assertSucceeded();
    assertThat(Files.readString(scratch.resolve("restored"))).isEqualTo("notes from notes-0.notes-headless\n");
    assertThat(restore.output()).contains("restored " + files.get(2));

    run("notes/components/backup/cronjob-backup-test.yaml", CRON_POD, Map.of()).assertSucceeded();
  }

  @Test
  void aDamagedBackupFailsTheRestoreAndTheTest() throws Exception {
    run("notes/components/backup/cronjob-backup.yaml", CRON_POD, Map.of()).assertSucceeded();
    Path backup;
    try (Stream<Path> list = Files.list(backups)) {
      backup = list.filter(p -> p.toString().endsWith(".gz")).findFirst().orElseThrow();
    }
    Files.write(backup, "not gzip".getBytes(StandardCharsets.UTF_8));

    assertThat(run("notes/components/restore/job-restore.yaml", JOB_POD, Map.of()).exitCode()).isNotZero();
    assertThat(run("notes/components/backup/cronjob-backup-test.yaml", CRON_POD, Map.of()).exitCode()).isNotZero();
  }

  @Test
  void aFailingDumpFailsTheJobAndPublishesNothing() throws Exception {
    Result result = run("notes/components/backup/cronjob-backup.yaml", CRON_POD, Map.of("BACKUP_HOST", ""),
        "export PATH=/nonexistent\n"); // date and gzip are not shell builtins: the first step fails
    assertThat(result.exitCode()).isNotZero();
    try (Stream<Path> list = Files.list(backups)) {
      assertThat(list.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".gz"));
    }
  }

  @Test
  void aNamedBackupCanBeChosen() throws Exception {
    run("notes/components/backup/cronjob-backup.yaml", CRON_POD, Map.of()).assertSucceeded();
    String first;
    try (Stream<Path> list = Files.list(backups)) {
      first = list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".gz")).findFirst().orElseThrow();
    }
    Thread.sleep(1100);
    run("notes/components/backup/cronjob-backup.yaml", CRON_POD, Map.of()).assertSucceeded();

    Result restore = run("notes/components/restore/job-restore.yaml", JOB_POD, Map.of("RESTORE_FILE", first));
    restore.assertSucceeded();
    assertThat(restore.output()).contains("restored " + first);
  }

  record Result(int exitCode, String output) {
    void assertSucceeded() {
      assertThat(exitCode).as(output).isZero();
    }
  }

  Result run(String file, String pod, Map<String, String> overrides) throws Exception {
    return run(file, pod, overrides, "");
  }

  /** Runs a container's script with its own env, the folders pointed at this test's temp dirs. */
  Result run(String file, String pod, Map<String, String> overrides, String prelude) throws Exception {
    JsonNode container = container(file, pod);
    assertThat(container.at("/command/0").asText()).isEqualTo("sh");
    String script = container.at("/command/2").asText();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", prelude + script).redirectErrorStream(true);
    builder.environment().putAll(env(container));
    builder.environment().put("BACKUP_DIR", backups.toString());
    builder.environment().put("SCRATCH_DIR", scratch.toString());
    builder.environment().putAll(overrides);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> {
      if (e.has("value")) {
        env.put(e.get("name").asText(), e.get("value").asText());
      }
    });
    return env;
  }
}
