package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.Shell;
import dev.stateforge.podrunner.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres-replicated preset, run by the pod runner with Debian's PostgreSQL 15 in place of the
 * official image's: orders-db-0 initialises itself as the primary (the preset's initdb script makes
 * the replication role), orders-db-1 and -2 start once it is ready, and their init container clones
 * it with pg_basebackup. The standbys must be in recovery, stream from the primary, serve the rows
 * written on it and refuse writes; a restarted standby keeps its copy and catches up. Skipped
 * without PostgreSQL (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PostgresReplicationRunTest {
  static final String CONTAINER = "orders-db";

  @TempDir Path work;

  @Test
  void aPrimaryAndTwoStandbysStream() throws Exception {
    ImageStandIn image = StandIns.postgres();
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-postgres-replicated", work.resolve("out"), "orders-db", "base");
    Map<String, Map<String, String>> secrets = Map.of("orders-db-auth",
        Map.of("password", UUID.randomUUID().toString(), "replication-password", UUID.randomUUID().toString()));
    try (PodRunner pods = new PodRunner(app, secrets, List.of(image), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(0, 1, 2);
      pods.startAll(Duration.ofSeconds(120));

      assertThat(sql(pods, 0, "SELECT pg_is_in_recovery()")).as("orders-db-0 is the primary").isEqualTo("f");
      sql(pods, 0, "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders VALUES (1, 'written on the primary')");
      for (int standby : List.of(1, 2)) {
        assertThat(sql(pods, standby, "SELECT pg_is_in_recovery()")).as("orders-db-%s is a standby", standby).isEqualTo("t");
        assertThat(await(pods, standby, "SELECT item FROM orders WHERE id = 1")).as("read on orders-db-%s", standby)
            .isEqualTo("written on the primary");
        assertThat(psql(pods, standby, "INSERT INTO orders VALUES (2, 'written on a standby')").output())
            .as("a write on orders-db-%s", standby).contains("read-only transaction");
      }
      assertThat(sql(pods, 0, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"))
          .as("standbys streaming from the primary").isEqualTo("2");

      pods.stop(2);
      sql(pods, 0, "INSERT INTO orders VALUES (3, 'written while orders-db-2 was away')");
      pods.start(2);
      pods.awaitReady(2, Duration.ofSeconds(60));
      assertThat(await(pods, 2, "SELECT item FROM orders WHERE id = 3")).as("orders-db-2 caught up after a restart")
          .isEqualTo("written while orders-db-2 was away");
      assertThat(Files.readString(work.resolve("run/pods/orders-db-2/clone-primary.log")))
          .as("the second start of orders-db-2 kept its copy").contains("a standby with its copy of the primary: nothing to clone");
    }
    System.out.printf("PostgresReplicationRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /**
   * The failover runbook, run: the primary is lost, orders-db-1 is promoted by hand and
   * services.primary.ordinal moved to 1. The pods of the new build start on the same claims: 1 is the
   * primary, 2 follows it through orders-db-primary, and the old primary refuses to start as a second
   * one until its claim is deleted, after which it clones the new primary.
   */
  @Test
  void aStandbyPromotedByHandBecomesThePrimaryAndTheOldOneRejoins() throws Exception {
    ImageStandIn image = StandIns.postgres();
    Engines.require(image);
    long started = System.nanoTime();
    Map<String, Map<String, String>> secrets = Map.of("orders-db-auth",
        Map.of("password", UUID.randomUUID().toString(), "replication-password", UUID.randomUUID().toString()));
    Path run = work.resolve("run");
    AppObjects before = RunnerCases.build("preset-postgres-replicated", work.resolve("out"), "orders-db", "base");
    try (PodRunner pods = new PodRunner(before, secrets, List.of(image), run)) {
      pods.startAll(Duration.ofSeconds(120));
      sql(pods, 0, "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders VALUES (1, 'before the failover')");
      assertThat(await(pods, 1, "SELECT item FROM orders WHERE id = 1")).isEqualTo("before the failover");
      assertThat(await(pods, 2, "SELECT item FROM orders WHERE id = 1")).isEqualTo("before the failover");
      pods.stop(0);
      Shell.Result promote = pods.exec(1, CONTAINER, List.of("sh", "-c", "pg_ctl promote -w -D \"$PGDATA\" 2>&1"), 60);
      assertThat(promote.exitCode()).as(promote.output()).isZero();
    }

    Path project = work.resolve("failed-over");
    Files.createDirectories(project.resolve("input"));
    Path spec = GoldenCasesTest.CASES.resolve("preset-postgres-replicated/input/orders-db.conf");
    Files.writeString(project.resolve("input/orders-db.conf"), Files.readString(spec)
        + "\nservices.primary.ordinal = 1\nenvironments.dev.services.primary.ordinal = 0\n");
    AppObjects after = RunnerCases.build(project, work.resolve("out-failed-over"), "orders-db", "base");
    try (PodRunner pods = new PodRunner(after, secrets, List.of(image), run)) {
      pods.start(1);
      pods.awaitReady(1, Duration.ofSeconds(60));
      assertThat(sql(pods, 1, "SELECT pg_is_in_recovery()")).as("orders-db-1, promoted, is the primary").isEqualTo("f");
      sql(pods, 1, "INSERT INTO orders VALUES (2, 'after the failover')");
      pods.start(2);
      pods.awaitReady(2, Duration.ofSeconds(60));
      assertThat(await(pods, 2, "SELECT item FROM orders WHERE id = 2")).as("orders-db-2 follows the new primary")
          .isEqualTo("after the failover");

      assertThatThrownBy(() -> pods.start(0)).as("the old primary on its own claim")
          .hasMessageContaining("starting would make a second primary");
      pods.stop(0);
      deleteTree(run.resolve("claims/data-orders-db-0"));
      pods.start(0);
      pods.awaitReady(0, Duration.ofSeconds(90));
      assertThat(sql(pods, 0, "SELECT pg_is_in_recovery()")).as("orders-db-0 rejoined as a standby").isEqualTo("t");
      assertThat(await(pods, 0, "SELECT count(*) FROM orders")).isEqualTo("2");
    }
    System.out.printf("PostgresReplicationRunTest failover: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** dev's one server is a primary alone: it initialises itself and takes writes. */
  @Test
  void theOneServerOfDevIsAPrimary() throws Exception {
    ImageStandIn image = StandIns.postgres();
    Engines.require(image);
    AppObjects app = RunnerCases.build("preset-postgres-replicated", work.resolve("out"), "orders-db", "overlays/dev");
    Map<String, Map<String, String>> secrets = Map.of("orders-db-auth",
        Map.of("password", UUID.randomUUID().toString(), "replication-password", UUID.randomUUID().toString()));
    try (PodRunner pods = new PodRunner(app, secrets, List.of(image), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(0);
      pods.startAll(Duration.ofSeconds(120));
      sql(pods, 0, "CREATE TABLE t (id int); INSERT INTO t VALUES (42)");
      assertThat(sql(pods, 0, "SELECT id FROM t")).isEqualTo("42");
    }
  }

  /** One statement through psql in the pod's container, as the superuser over TCP, with the password of the Secret. */
  static Shell.Result psql(PodRunner pods, int ordinal, String statement) {
    return pods.exec(ordinal, CONTAINER, List.of("sh", "-c",
        "PGPASSWORD=\"$POSTGRES_PASSWORD\" psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc \"$0\" 2>&1", statement), 20);
  }

  static String sql(PodRunner pods, int ordinal, String statement) {
    Shell.Result result = psql(pods, ordinal, statement);
    assertThat(result.exitCode()).as("%s on orders-db-%s: %s", statement, ordinal, result.output()).isZero();
    return result.output().strip();
  }

  /** A standby replays the primary's WAL within moments: up to 30 s. */
  static String await(PodRunner pods, int ordinal, String query) throws InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      Shell.Result result = psql(pods, ordinal, query);
      last = result.output().strip();
      if (result.exitCode() == 0 && !last.isEmpty()) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }
}
