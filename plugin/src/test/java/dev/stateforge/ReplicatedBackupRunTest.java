package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.Shell;
import dev.stateforge.podrunner.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication-aware backups of the postgres-replicated preset, run: the pod runner starts a primary
 * and two standbys (Debian's PostgreSQL 15), and the generated backup CronJob's and restore Job's
 * scripts run with sh inside a member's container (its network, its hosts file, the Secret's
 * password), with the Job's own literal env and the backup volume as a folder of that member's
 * claim. The backup must dump a standby (and still work with the primary stopped), fall back to the
 * primary when no standby answers; the restore writes into the primary, the standbys stream it, and a
 * standby re-cloned by the runbook (pod and claim deleted) has the rows too. Skipped without
 * PostgreSQL (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class ReplicatedBackupRunTest {
  static final String CONTAINER = PostgresReplicationRunTest.CONTAINER;
  /** The backup volume and the Job's emptyDir, inside the data mount of the member the Jobs run in. */
  static final String BACKUP_DIR = "/var/lib/postgresql/data/backup";
  static final String SCRATCH_DIR = "/var/lib/postgresql/data/scratch";

  @TempDir Path work;

  @Test
  void theBackupDumpsAStandbyAndTheRestoreReachesEveryMember() throws Exception {
    ImageStandIn image = StandIns.postgres();
    Engines.require(image);
    long started = System.nanoTime();
    Path project = work.resolve("project");
    Files.createDirectories(project.resolve("input"));
    Files.writeString(project.resolve("input/orders-db.conf"),
        Files.readString(GoldenCasesTest.CASES.resolve("preset-postgres-replicated/input/orders-db.conf"))
            + "\nbackup {\n  schedule = \"0 2 * * *\"\n  target.volume { size = 1Gi }\n}\n");
    Path out = work.resolve("out");
    AppObjects app = RunnerCases.build(project, out, "orders-db", "base");
    YAMLMapper yaml = new YAMLMapper();
    JsonNode backupJob = yaml.readTree(out.resolve("orders-db/components/backup/cronjob-backup.yaml").toFile())
        .at("/spec/jobTemplate/spec/template/spec/containers/0");
    JsonNode restoreJob = yaml.readTree(out.resolve("orders-db/components/restore/job-restore.yaml").toFile())
        .at("/spec/template/spec/containers/0");
    assertThat(literal(backupJob, "MEMBER_HOSTS"))
        .isEqualTo("orders-db-0.orders-db-headless orders-db-1.orders-db-headless orders-db-2.orders-db-headless");
    assertThat(literal(backupJob, "BACKUP_HOST")).isEqualTo("orders-db-0.orders-db-headless");
    assertThat(literal(restoreJob, "RESTORE_HOST")).as("the restore writes into the primary").isEqualTo("orders-db-0.orders-db-headless");

    Map<String, Map<String, String>> secrets = Map.of("orders-db-auth",
        Map.of("password", UUID.randomUUID().toString(), "replication-password", UUID.randomUUID().toString()));
    Path run = work.resolve("run");
    try (PodRunner pods = new PodRunner(app, secrets, List.of(image), run)) {
      pods.startAll(Duration.ofSeconds(120));
      PostgresReplicationRunTest.sql(pods, 0, "CREATE TABLE orders (id int PRIMARY KEY, item text);"
          + " INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 100) g");
      for (int standby : List.of(1, 2)) {
        assertThat(PostgresReplicationRunTest.await(pods, standby, "SELECT count(*) FROM orders WHERE id = 100")).isEqualTo("1");
      }
      assertThat(PostgresReplicationRunTest.sql(pods, 0, "SHOW hot_standby_feedback")).isEqualTo("on");

      Shell.Result first = job(pods, 2, backupJob);
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output()).as("the first standby, with the primary up").contains("dumped orders-db from orders-db-1.orders-db-headless");

      // The primary stopped: the dump still reads a standby.
      pods.stop(0);
      Thread.sleep(1100); // a new backup file name: its timestamp has seconds
      Shell.Result second = job(pods, 2, backupJob);
      assertThat(second.exitCode()).as(second.output()).isZero();
      assertThat(second.output()).contains("dumped orders-db from orders-db-1.orders-db-headless");
      pods.start(0);
      pods.awaitReady(0, Duration.ofSeconds(60));

      // Lost on the primary, and streamed to the standbys.
      PostgresReplicationRunTest.sql(pods, 0, "DROP TABLE orders; CREATE TABLE unrelated (id int)");
      for (int standby : List.of(1, 2)) {
        assertThat(awaitValue(pods, standby, "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'", "0")).isEqualTo("0");
      }

      Shell.Result restored = job(pods, 2, restoreJob);
      assertThat(restored.exitCode()).as(restored.output()).isZero();
      assertThat(PostgresReplicationRunTest.sql(pods, 0, "SELECT count(*) FROM orders")).as("the primary, restored").isEqualTo("100");
      for (int standby : List.of(1, 2)) {
        assertThat(awaitValue(pods, standby, "SELECT count(*) FROM orders", "100")).as("orders-db-%s streamed the restore", standby).isEqualTo("100");
      }

      // The runbook's re-clone: a standby's pod and claim deleted, it clones the restored primary.
      pods.stop(1);
      PostgresReplicationRunTest.deleteTree(run.resolve("claims/data-orders-db-1"));
      pods.start(1);
      pods.awaitReady(1, Duration.ofSeconds(90));
      assertThat(Files.readString(run.resolve("pods/orders-db-1/clone-primary.log"))).contains("cloned orders-db-primary");
      assertThat(PostgresReplicationRunTest.sql(pods, 1, "SELECT pg_is_in_recovery()")).isEqualTo("t");
      assertThat(awaitValue(pods, 1, "SELECT count(*) FROM orders", "100")).as("the re-cloned standby").isEqualTo("100");

      // No standby answers: the primary is dumped.
      pods.stop(1);
      pods.stop(2);
      Shell.Result fallback = job(pods, 0, backupJob);
      assertThat(fallback.exitCode()).as(fallback.output()).isZero();
      assertThat(fallback.output()).contains("dumped orders-db from orders-db-0.orders-db-headless");
    }
    System.out.printf("ReplicatedBackupRunTest: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** A literal env value of a Job container. */
  static String literal(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e.path("value").asText();
      }
    }
    throw new AssertionError(name + " not in " + container.path("env"));
  }

  /**
   * Runs a Job container's script in a member's container: the member gives the network, hosts file
   * and the Secret's variables (the Job references the same keys), the Job its literal env, with its
   * volumes as folders of the member's data mount.
   */
  static Shell.Result job(PodRunner pods, int ordinal, JsonNode container) {
    List<String> command = new ArrayList<>(List.of("env"));
    for (JsonNode e : container.path("env")) {
      String name = e.path("name").asText();
      if (e.has("value")) {
        String value = switch (name) {
          case "BACKUP_DIR" -> BACKUP_DIR;
          case "SCRATCH_DIR" -> SCRATCH_DIR;
          default -> e.path("value").asText();
        };
        command.add(name + "=" + value);
      } else {
        assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).as(name).isEqualTo("orders-db-auth");
      }
    }
    Shell.Result dirs = pods.exec(ordinal, CONTAINER, List.of("mkdir", "-p", BACKUP_DIR, SCRATCH_DIR), 10);
    assertThat(dirs.exitCode()).as(dirs.output()).isZero();
    command.addAll(List.of("sh", "-c", container.at("/command/2").asText()));
    return pods.exec(ordinal, CONTAINER, command, 120);
  }

  /** A standby replays the primary's WAL within moments: up to 30 s for {@code query} to answer {@code expected}. */
  static String awaitValue(PodRunner pods, int ordinal, String query, String expected) throws InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      Shell.Result result = PostgresReplicationRunTest.psql(pods, ordinal, query);
      last = result.output().strip();
      if (result.exitCode() == 0 && last.equals(expected)) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }
}
