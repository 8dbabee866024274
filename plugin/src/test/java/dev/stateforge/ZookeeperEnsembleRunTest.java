package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.Shell;
import dev.stateforge.podrunner.StandIns;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * The cluster-zookeeper case, run by the pod runner with Debian's zookeeper in place of the
 * official image's: pods zk-1..zk-3 (ordinals from 1), started one after the other once ready
 * (OrderedReady, the AdminServer's ruok), each with myid from its pod-index label and the generated
 * zoo.cfg mounted at /conf/zoo.cfg. The base's three servers must form a quorum with one leader, a
 * znode created through one is read through another, and with one stopped the other two still
 * serve; dev's one server runs standalone. Skipped without zookeeper (fails with
 * STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ZookeeperEnsembleRunTest {
  static final ImageStandIn IMAGE = StandIns.zookeeper("3.9.3");

  @TempDir Path work;

  @Test
  void threeServersOfTheBaseFormAQuorum() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("cluster-zookeeper", work.resolve("out"), "zk", "base");
    assertThat(app.replicas()).isEqualTo(3);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(1, 2, 3);
      pods.startAll(Duration.ofSeconds(120));
      List<String> modes = new ArrayList<>();
      for (int ordinal : pods.ordinals()) {
        modes.add(mode(pods, ordinal));
        assertThat(pods.probe(ordinal, "zk", "livenessProbe")).as("liveness of zk-%s", ordinal).isTrue();
      }
      assertThat(modes).as("modes of zk-1..3").containsExactlyInAnyOrder("leader", "follower", "follower");

      cli(pods.ip(1), "create", "/stateforge", "written-on-zk-1");
      assertThat(cli(pods.ip(3), "get", "/stateforge")).as("read through zk-3").contains("written-on-zk-1");

      int leader = pods.ordinals().get(modes.indexOf("leader"));
      pods.stop(leader);
      List<Integer> rest = pods.ordinals().stream().filter(o -> o != leader).toList();
      assertThat(newLeader(pods, rest)).as("a new leader among zk-%s", rest).isIn(rest);
      cli(pods.ip(rest.get(0)), "create", "/after-stop", "two-of-three");
      assertThat(cli(pods.ip(rest.get(1)), "get", "/after-stop")).as("read with zk-%s (the leader) stopped", leader).contains("two-of-three");
    }
    System.out.printf("ZookeeperEnsembleRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The dev overlay: zoo.cfg lists one server, which runs standalone. */
  @Test
  void theOneServerOfDevRunsStandalone() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("cluster-zookeeper", work.resolve("out"), "zk", "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      assertThat(mode(pods, 1)).isEqualTo("standalone");
      cli(pods.ip(1), "create", "/dev", "one");
      assertThat(cli(pods.ip(1), "get", "/dev")).contains("one");
    }
    System.out.printf("ZookeeperEnsembleRunTest dev: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The server's mode from the {@code srvr} four-letter word (whitelisted by the case's zoo.cfg), once it has one. */
  static String mode(PodRunner pods, int ordinal) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      last = fourLetters(pods.ip(ordinal), "srvr");
      for (String line : last.split("\n")) {
        if (line.startsWith("Mode: ")) {
          return line.substring(6).trim();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("zk-" + ordinal + " reports no mode; srvr said: " + last + "\n" + pods.logs());
  }

  /** The two remaining servers elect a leader again (up to 30 s): the ordinal of the one that says so. */
  static int newLeader(PodRunner pods, List<Integer> rest) throws Exception {
    for (int attempt = 0; attempt < 60; attempt++) {
      for (int ordinal : rest) {
        if (fourLetters(pods.ip(ordinal), "srvr").contains("Mode: leader")) {
          return ordinal;
        }
      }
      Thread.sleep(500);
    }
    return -1;
  }

  static String fourLetters(String ip, String word) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, 2181), 2000);
      socket.setSoTimeout(3000);
      socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Debian's zkCli.sh against one server; must succeed. */
  static String cli(String ip, String... command) {
    List<String> argv = new ArrayList<>(List.of("/usr/share/zookeeper/bin/zkCli.sh", "-server", ip + ":2181"));
    argv.addAll(List.of(command));
    Shell.Result result = Shell.run(argv, 60);
    assertThat(result.exitCode()).as("zkCli.sh %s: %s", String.join(" ", command), result.output()).isZero();
    return result.output();
  }
}
