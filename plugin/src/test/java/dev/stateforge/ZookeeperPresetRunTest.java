package dev.stateforge;

import static dev.stateforge.ZookeeperEnsembleRunTest.cli;
import static dev.stateforge.ZookeeperEnsembleRunTest.fourLetters;
import static dev.stateforge.ZookeeperEnsembleRunTest.mode;
import static dev.stateforge.ZookeeperEnsembleRunTest.newLeader;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zookeeper preset (case preset-zookeeper), run by the pod runner: no zoo.cfg is mounted, so
 * the stand-in of the official image's entrypoint writes it from the ZOO_* variables the preset
 * sets (ZOO_SERVERS for the replicas of each environment, ZOO_CFG_EXTRA's metrics provider and
 * quorumListenOnAllIPs) and myid from ZOO_MY_ID (the pod-index label, ordinals from 1), then
 * Debian's ZooKeeper runs as the preset's user. The base's three servers must each have their
 * ordinal as myid, form a quorum with one leader and two synced followers, pass their probes (the
 * exec probes' nc included) and serve Prometheus metrics on the monitoring port; a znode created
 * through the client Service's target is read through another server, and with the leader stopped
 * the other two elect a new one and still serve. dev's one server runs standalone. Skipped without
 * zookeeper and netcat (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ZookeeperPresetRunTest {
  static final String APP = "zk";
  static final ImageStandIn IMAGE = StandIns.zookeeper("3.9.3");
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path work;

  @Test
  void threeServersFormAQuorumAndSurviveTheLossOfTheLeader() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-zookeeper", work.resolve("out"), APP, "base");
    assertThat(app.replicas()).isEqualTo(3);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(1, 2, 3);
      pods.startAll(Duration.ofSeconds(120));
      List<String> modes = new ArrayList<>();
      for (int ordinal : pods.ordinals()) {
        modes.add(mode(pods, ordinal));
        assertThat(exec(pods, ordinal, "cat /data/myid").strip()).as("myid of zk-%s", ordinal).isEqualTo(String.valueOf(ordinal));
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          assertThat(pods.probe(ordinal, APP, probe)).as("%s of zk-%s", probe, ordinal).isTrue();
        }
        // The probe 20 times in a row: with echo (a newline the server never reads) about 1 in 5 failed.
        for (int i = 0; i < 20; i++) {
          assertThat(pods.probe(ordinal, APP, "readinessProbe")).as("readiness of zk-%s, run %s", ordinal, i).isTrue();
        }
        assertThat(metrics(pods.ip(ordinal))).as("Prometheus metrics of zk-%s on its metrics port", ordinal).contains("znode_count");
      }
      assertThat(modes).as("modes of zk-1..3").containsExactlyInAnyOrder("leader", "follower", "follower");
      int leader = pods.ordinals().get(modes.indexOf("leader"));
      assertThat(fourLetters(pods.ip(leader), "mntr")).as("mntr of the leader").contains("zk_synced_followers\t2");

      int service = app.clientServices().get(APP);
      int other = pods.ordinals().stream().filter(o -> o != service).reduce((a, b) -> b).orElseThrow();
      cli(pods.ip(service), "create", "/stateforge", "written-on-zk-" + service);
      assertThat(cli(pods.ip(other), "get", "/stateforge")).as("read through zk-%s", other).contains("written-on-zk-" + service);

      pods.stop(leader);
      List<Integer> rest = pods.ordinals().stream().filter(o -> o != leader).toList();
      assertThat(newLeader(pods, rest)).as("a new leader among zk-%s", rest).isIn(rest);
      cli(pods.ip(rest.get(0)), "create", "/after-stop", "two-of-three");
      assertThat(cli(pods.ip(rest.get(1)), "get", "/after-stop")).as("read with zk-%s (the leader) stopped", leader).contains("two-of-three");
      for (int ordinal : rest) {
        assertThat(pods.probe(ordinal, APP, "readinessProbe")).as("readiness of zk-%s, the leader stopped", ordinal).isTrue();
      }
    }
    System.out.printf("ZookeeperPresetRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The dev overlay: ZOO_SERVERS lists one server, which the image's zoo.cfg (standaloneEnabled) runs standalone. */
  @Test
  void theOneServerOfDevRunsStandalone() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-zookeeper", work.resolve("out"), APP, "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      assertThat(mode(pods, 1)).isEqualTo("standalone");
      cli(pods.ip(1), "create", "/dev", "one");
      assertThat(cli(pods.ip(1), "get", "/dev")).contains("one");
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        assertThat(pods.probe(1, APP, probe)).as(probe).isTrue();
      }
    }
    System.out.printf("ZookeeperPresetRunTest dev: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  static String exec(PodRunner pods, int ordinal, String command) {
    Shell.Result result = pods.exec(ordinal, APP, List.of("sh", "-c", command), 10);
    assertThat(result.exitCode()).as("%s in zk-%s: %s", command, ordinal, result.output()).isZero();
    return result.output();
  }

  /** The Prometheus text of the metrics provider, on the port ZOO_CFG_EXTRA gives it (7000, the PodMonitor's). */
  static String metrics(String ip) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":7000/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
