package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.Shell;
import dev.stateforge.podrunner.StandIns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The sidecars case, run by the pod runner with Debian's redis-server, redis-sentinel and
 * prometheus-redis-exporter in place of the images' programs: per pod the init container writes
 * the server's and Sentinel's configuration into the scratch volume, Sentinel and the exporter run
 * as native sidecars beside the server. cache-0 is the primary and cache-1 and -2 replicate it: a
 * write on the primary is read on the replicas, which refuse writes. Each server and each Sentinel
 * requires the password of the Secret the test gives, each Sentinel monitors cache-0 by its DNS name
 * and the three reach their quorum, each exporter reaches its server with the same Secret. The
 * Sentinel's preStop hook, run in its container, does nothing on a replica and hands the primary
 * role over on the primary.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RedisSidecarsRunTest {
  static final List<ImageStandIn> IMAGES = List.of(StandIns.redis(), StandIns.redisExporter());
  static final String CACHE_0 = "cache-0.cache-headless.web.svc.cluster.local";

  @TempDir Path work;

  @Test
  void threeServersWithSentinelAndExporterSidecars() throws Exception {
    Engines.require(IMAGES.toArray(ImageStandIn[]::new));
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("sidecars", work.resolve("out"), "cache", "base");
    String password = UUID.randomUUID().toString();
    try (PodRunner pods = new PodRunner(app, Map.of("cache-auth", Map.of("password", password)), IMAGES, work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Shell.Result set = pods.exec(0, "cache", List.of("redis-cli", "set", "written-on", "cache-0"), 10);
      assertThat(set.output()).as("SET on the primary cache-0 with REDISCLI_AUTH from the Secret").contains("OK");
      for (int ordinal : pods.ordinals()) {
        Shell.Result noAuth = Shell.run(List.of("redis-cli", "-h", pods.ip(ordinal), "--no-auth-warning", "ping"), 10);
        assertThat(noAuth.output()).as("cache-%s without the password", ordinal).contains("NOAUTH");
        if (ordinal > 0) {
          assertThat(await(() -> cli(pods, ordinal, "get", "written-on"), "cache-0"::equals)).as("read on the replica cache-%s", ordinal)
              .isEqualTo("cache-0");
          assertThat(cli(pods, ordinal, "set", "written-on", "a replica")).as("a write on cache-%s", ordinal).startsWith("READONLY");
        }
        // announce-hostnames: Sentinel names the primary by its stable DNS name, which resolves to pod 0.
        assertThat(primaryOf(pods, ordinal)).as("the primary Sentinel of cache-%s monitors", ordinal).isEqualTo(CACHE_0);

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + pods.ip(ordinal) + ":9121/metrics"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("the exporter of cache-%s reaches its server", ordinal).contains("redis_up 1");
        assertThat(pods.probe(ordinal, "cache", "livenessProbe")).isTrue();
      }
      assertThat(cli(pods, 0, "info", "replication")).as("cache-0").contains("role:master", "connected_slaves:2");
      assertThat(quorum(pods)).as("Sentinel's quorum check on cache-2").contains("OK 3 usable Sentinels");
      // A Sentinel learns the replicas from the primary's INFO, every 10 s: only a replica it knows can be promoted.
      assertThat(await(() -> sentinel(pods, 0, "sentinel", "replicas", "cache"), s -> s.contains("cache-1.") && s.contains("cache-2.")))
          .contains("cache-1.", "cache-2.");

      List<String> preStop = new ArrayList<>();
      app.podSpec().path("initContainers").forEach(c -> {
        if (c.path("name").asText().equals("sentinel")) {
          c.at("/lifecycle/preStop/exec/command").forEach(a -> preStop.add(a.asText()));
        }
      });
      assertThat(pods.exec(1, "sentinel", preStop, 30).exitCode()).as("the preStop hook of a replica's Sentinel").isZero();
      assertThat(primaryOf(pods, 1)).as("a replica's hook leaves the primary where it is").isEqualTo(CACHE_0);
      Shell.Result handOver = pods.exec(0, "sentinel", preStop, 30);
      assertThat(handOver.exitCode()).as("the preStop hook of the primary's Sentinel: %s", handOver.output()).isZero();
      assertThat(await(() -> primaryOf(pods, 2), s -> !s.equals(CACHE_0))).as("the primary after cache-0's hook")
          .isIn("cache-1.cache-headless.web.svc.cluster.local", "cache-2.cache-headless.web.svc.cluster.local");
    }
    System.out.printf("RedisSidecarsRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The Sentinels find each other through the primary (hello messages every 2 s): ckquorum, up to 30 s. */
  static String quorum(PodRunner pods) throws InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < 30; attempt++) {
      last = sentinel(pods, 2, "sentinel", "ckquorum", "cache");
      if (last.contains("OK 3")) {
        return last;
      }
      Thread.sleep(1000);
    }
    return last;
  }

  static String cli(PodRunner pods, int ordinal, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", "6379"));
    command.addAll(List.of(args));
    return pods.exec(ordinal, "cache", command, 10).output().strip().replace("\r", "");
  }

  /** redis-cli in the Sentinel sidecar, which has REDISCLI_AUTH too. */
  static String sentinel(PodRunner pods, int ordinal, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", "26379"));
    command.addAll(List.of(args));
    return pods.exec(ordinal, "sentinel", command, 10).output().strip();
  }

  static String primaryOf(PodRunner pods, int ordinal) {
    return sentinel(pods, ordinal, "sentinel", "get-master-addr-by-name", "cache").lines().findFirst().orElse("");
  }

  /** Replication, Sentinel's discovery and a failover take seconds: up to 30 s. */
  static String await(RedisReplicationRunTest.Probe probe, java.util.function.Predicate<String> done) throws Exception {
    return RedisReplicationRunTest.await(probe, done, 30);
  }
}
