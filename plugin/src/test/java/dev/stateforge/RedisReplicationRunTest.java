package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis-replicated preset, run by the pod runner with Debian's redis-server (and, by that name,
 * redis-sentinel) in place of the official image's: sessions-0 starts as the primary, sessions-1 and
 * -2 ask its Sentinel and replicate it, and the three Sentinels agree on it. A write on the primary
 * is read on the replicas, which refuse writes. Then the primary's pod is stopped (as a crash: the
 * runner runs no preStop hook): the remaining Sentinels must promote a replica, which takes writes,
 * and the old primary, started again, must ask the Sentinels and come back as a replica of the new
 * one, not as a second primary. Skipped without redis-server (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RedisReplicationRunTest {
  static final String APP = "sessions";
  static final String DOMAIN = ".sessions-headless.web.svc.cluster.local";

  @TempDir Path work;

  @Test
  void sentinelsPromoteAReplicaAndTheOldPrimaryRejoinsAsAReplica() throws Exception {
    ImageStandIn image = StandIns.redis();
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-redis-replicated", work.resolve("out"), APP, "base");
    try (PodRunner pods = new PodRunner(app, secrets(), List.of(image), work.resolve("run"))) {
      try {
        formFailOverRejoin(pods, started, app);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + pods.logs(), e);
      }
    }
    System.out.printf("RedisReplicationRunTest base: %d s%n", seconds(started));
  }

  private void formFailOverRejoin(PodRunner pods, long started, AppObjects app) throws Exception {
      assertThat(pods.ordinals()).containsExactly(0, 1, 2);
      pods.startAll(Duration.ofSeconds(90));

      assertThat(replication(pods, 0)).as("sessions-0 is the primary").contains("role:master");
      assertThat(await(() -> replication(pods, 0), s -> s.contains("connected_slaves:2")))
          .as("both replicas connected to sessions-0").contains("connected_slaves:2");
      for (int replica : List.of(1, 2)) {
        assertThat(await(() -> replication(pods, replica), s -> s.contains("master_link_status:up")))
            .as("sessions-%s replicates sessions-0", replica)
            .contains("role:slave", "master_host:sessions-0" + DOMAIN, "master_link_status:up");
      }
      assertThat(cli(pods, 0, "set", "cart:1", "written on the primary")).isEqualTo("OK");
      for (int replica : List.of(1, 2)) {
        assertThat(await(() -> cli(pods, replica, "get", "cart:1"), s -> !s.isEmpty()))
            .as("read on sessions-%s", replica).isEqualTo("written on the primary");
        assertThat(cli(pods, replica, "set", "cart:2", "x")).as("a write on sessions-%s", replica).startsWith("READONLY");
      }
      for (int ordinal : pods.ordinals()) {
        assertThat(primaryOf(pods, ordinal)).as("the primary the Sentinel of sessions-%s names", ordinal)
            .isEqualTo("sessions-0" + DOMAIN);
      }
      assertThat(await(() -> sentinel(pods, 2, "sentinel", "ckquorum", APP), s -> s.startsWith("OK 3")))
          .as("Sentinel's quorum check").startsWith("OK 3 usable Sentinels");
      // A Sentinel learns the replicas from the primary's INFO, every 10 s: only a replica it knows can be promoted.
      for (int ordinal : pods.ordinals()) {
        assertThat(await(() -> sentinel(pods, ordinal, "sentinel", "replicas", APP),
            s -> s.contains("sessions-1" + DOMAIN) && s.contains("sessions-2" + DOMAIN)))
            .as("the replicas the Sentinel of sessions-%s knows", ordinal).contains("sessions-1" + DOMAIN, "sessions-2" + DOMAIN);
      }
      System.out.printf("RedisReplicationRunTest formed: %d s%n", seconds(started));

      long lost = System.nanoTime();
      pods.stop(0);
      // down-after-milliseconds (10 s), then a vote; a split vote is retried after twice failover-timeout (2 x 30 s).
      String promoted = await(() -> primaryOf(pods, 1), s -> !s.isEmpty() && !s.startsWith("sessions-0."), 100);
      assertThat(promoted).as("the primary after sessions-0 was lost").isIn("sessions-1" + DOMAIN, "sessions-2" + DOMAIN);
      int next = promoted.startsWith("sessions-1.") ? 1 : 2;
      int other = 3 - next;
      assertThat(await(() -> primaryOf(pods, other), s -> s.equals(promoted))).as("both Sentinels agree").isEqualTo(promoted);
      assertThat(await(() -> replication(pods, next), s -> s.contains("role:master"))).as("sessions-%s promoted", next)
          .contains("role:master");
      assertThat(cli(pods, next, "set", "cart:3", "written after the failover")).isEqualTo("OK");
      assertThat(await(() -> cli(pods, other, "get", "cart:3"), s -> !s.isEmpty())).as("sessions-%s follows the new primary", other)
          .isEqualTo("written after the failover");
      System.out.printf("RedisReplicationRunTest failover: %d s%n", seconds(lost));

      pods.start(0);
      pods.awaitReady(0, Duration.ofSeconds(60));
      assertThat(Files.readString(work.resolve("run/pods/sessions-0/find-primary.log")))
          .as("the old primary asked the Sentinels").contains("sessions-0" + DOMAIN + " starts as a replica of " + promoted);
      assertThat(await(() -> replication(pods, 0), s -> s.contains("master_link_status:up")))
          .as("sessions-0 is back as a replica of the new primary")
          .contains("role:slave", "master_host:" + promoted, "master_link_status:up");
      assertThat(await(() -> cli(pods, 0, "get", "cart:3"), s -> !s.isEmpty())).isEqualTo("written after the failover");
      assertThat(cli(pods, 0, "set", "cart:4", "x")).as("a write on the old primary").startsWith("READONLY");
      List<Integer> primaries = new ArrayList<>();
      for (int ordinal : pods.ordinals()) {
        if (replication(pods, ordinal).contains("role:master")) {
          primaries.add(ordinal);
        }
      }
      assertThat(primaries).as("one primary").containsExactly(next);
      assertThat(await(() -> primaryOf(pods, 0), s -> s.equals(promoted))).as("the Sentinel of sessions-0").isEqualTo(promoted);

      // A planned stop (the runner runs no hooks): the primary's preStop hook, run in its container, hands the role over.
      long handOver = System.nanoTime();
      List<String> preStop = new ArrayList<>();
      app.podSpec().at("/containers/0/lifecycle/preStop/exec/command").forEach(a -> preStop.add(a.asText()));
      Shell.Result hook = pods.exec(next, APP, preStop, 60);
      assertThat(hook.exitCode()).as("the preStop hook of sessions-%s: %s", next, hook.output()).isZero();
      assertThat(replication(pods, next)).as("sessions-%s after its preStop hook", next).contains("role:slave");
      String handedTo = await(() -> primaryOf(pods, next), s -> !s.equals(promoted));
      assertThat(handedTo).as("the primary after the hand-over").isIn("sessions-0" + DOMAIN, "sessions-" + other + DOMAIN);
      System.out.printf("RedisReplicationRunTest preStop hand-over: %d s%n", seconds(handOver));
  }

  /** dev's one server is the primary, watched by its one Sentinel (quorum 1), and takes writes. */
  @Test
  void theOneServerOfDevIsThePrimary() throws Exception {
    ImageStandIn image = StandIns.redis();
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-redis-replicated", work.resolve("out"), APP, "overlays/dev");
    try (PodRunner pods = new PodRunner(app, secrets(), List.of(image), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(0);
      pods.startAll(Duration.ofSeconds(90));
      assertThat(replication(pods, 0)).contains("role:master", "connected_slaves:0");
      assertThat(cli(pods, 0, "set", "cart:1", "dev")).isEqualTo("OK");
      assertThat(cli(pods, 0, "get", "cart:1")).isEqualTo("dev");
      assertThat(primaryOf(pods, 0)).isEqualTo("sessions-0" + DOMAIN);
      assertThat(sentinel(pods, 0, "sentinel", "ckquorum", APP)).startsWith("OK 1 usable Sentinels");
      assertThat(Shell.run(List.of("redis-cli", "-h", pods.ip(0), "-p", "26379", "ping"), 10).output())
          .as("the Sentinel without the password").contains("NOAUTH");
    }
    System.out.printf("RedisReplicationRunTest dev: %d s%n", seconds(started));
  }

  static Map<String, Map<String, String>> secrets() {
    return Map.of("sessions-auth", Map.of("password", UUID.randomUUID().toString()));
  }

  /** redis-cli against the pod's server, in its container (REDISCLI_AUTH from the Secret). */
  static String cli(PodRunner pods, int ordinal, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"));
    command.addAll(List.of(args));
    return pods.exec(ordinal, APP, command, 10).output().strip();
  }

  static String sentinel(PodRunner pods, int ordinal, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "26379"));
    command.addAll(List.of(args));
    return pods.exec(ordinal, "sentinel", command, 10).output().strip();
  }

  static String replication(PodRunner pods, int ordinal) {
    return cli(pods, ordinal, "info", "replication").replace("\r", "");
  }

  /** The first line of SENTINEL get-master-addr-by-name: the primary's host. */
  static String primaryOf(PodRunner pods, int ordinal) {
    String answer = sentinel(pods, ordinal, "sentinel", "get-master-addr-by-name", APP);
    return answer.lines().findFirst().orElse("");
  }

  interface Probe {
    String get() throws Exception;
  }

  /** Replication and Sentinel's discovery take seconds: up to 30 s. */
  static String await(Probe probe, Predicate<String> done) throws Exception {
    return await(probe, done, 30);
  }

  static String await(Probe probe, Predicate<String> done, int seconds) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < seconds * 2; attempt++) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }

  static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }
}
