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
 * Sentinel's configuration into the scratch volume, Sentinel and the exporter run as native sidecars
 * beside the server. Each server requires the password of the Secret the test gives, each Sentinel
 * monitors cache-0 by its DNS name and the three reach their quorum, each exporter reaches its
 * server with the same Secret. The case
 * configures no replication (every server is a primary), so no write crosses members here.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RedisSidecarsRunTest {
  static final List<ImageStandIn> IMAGES = List.of(StandIns.redis(), StandIns.redisExporter());

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
      for (int ordinal : pods.ordinals()) {
        Shell.Result noAuth = Shell.run(List.of("redis-cli", "-h", pods.ip(ordinal), "--no-auth-warning", "ping"), 10);
        assertThat(noAuth.output()).as("cache-%s without the password", ordinal).contains("NOAUTH");
        Shell.Result set = pods.exec(ordinal, "cache", List.of("redis-cli", "set", "written-in", pods.podName(ordinal)), 10);
        assertThat(set.output()).as("SET in cache-%s with REDISCLI_AUTH from the Secret", ordinal).contains("OK");

        Shell.Result master = pods.exec(ordinal, "sentinel", List.of("redis-cli", "-p", "26379", "sentinel", "get-master-addr-by-name", "cache"), 10);
        // announce-hostnames: Sentinel names the primary by its stable DNS name, which resolves to pod 0.
        assertThat(master.output()).as("the primary Sentinel of cache-%s monitors", ordinal)
            .contains("cache-0.cache-headless.web.svc.cluster.local");

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + pods.ip(ordinal) + ":9121/metrics"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("the exporter of cache-%s reaches its server", ordinal).contains("redis_up 1");
        assertThat(pods.probe(ordinal, "cache", "livenessProbe")).isTrue();
      }
      assertThat(quorum(pods)).as("Sentinel's quorum check on cache-2").contains("OK 3 usable Sentinels");
    }
    System.out.printf("RedisSidecarsRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The Sentinels find each other through the primary (hello messages every 2 s): ckquorum, up to 30 s. */
  static String quorum(PodRunner pods) throws InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < 30; attempt++) {
      last = pods.exec(2, "sentinel", List.of("redis-cli", "-p", "26379", "sentinel", "ckquorum", "cache"), 10).output();
      if (last.contains("OK 3")) {
        return last;
      }
      Thread.sleep(1000);
    }
    return last;
  }
}
