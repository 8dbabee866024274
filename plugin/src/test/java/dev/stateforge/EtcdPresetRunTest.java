package dev.stateforge;

import static dev.stateforge.EtcdPeersRunTest.get;
import static dev.stateforge.EtcdPeersRunTest.post;
import static dev.stateforge.EtcdPeersRunTest.put;
import static dev.stateforge.EtcdPeersRunTest.seeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd preset (case preset-etcd), run by the pod runner with Debian's etcd in place of the
 * image's: the members are configured through ETCD_* variables alone, named after their pods, with
 * the peer list the preset derives, and run as the preset's non-root user. The three members of
 * the base must form one cluster with one leader, a key written through the client Service's
 * target is read through another member, the startup, readiness and liveness probes pass on every
 * member, and with the leader stopped the other two elect a new one and still serve. dev's one
 * member is its own quorum. Skipped without etcd-server (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EtcdPresetRunTest {
  static final String APP = "config-store";
  /** The case's image: the etcd project's own registry, the same build as quay.io/coreos/etcd. */
  static final ImageStandIn IMAGE = StandIns.etcd().forImage("gcr.io/etcd-development/etcd:");

  @TempDir Path work;

  @Test
  void threeMembersFormAClusterAndSurviveTheLossOfTheLeader() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-etcd", work.resolve("out"), APP, "base");
    assertThat(app.replicas()).isEqualTo(3);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      seeAll(pods);
      int leader = leader(pods, pods.ordinals());
      for (int ordinal : pods.ordinals()) {
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          assertThat(pods.probe(ordinal, APP, probe)).as("%s of %s", probe, pods.podName(ordinal)).isTrue();
        }
      }

      int service = app.clientServices().get(APP);
      int other = pods.ordinals().stream().filter(o -> o != service).findFirst().orElseThrow();
      put(pods.ip(service), "stateforge/written-on", pods.podName(service));
      assertThat(get(pods.ip(other), "stateforge/written-on")).as("read through %s", pods.podName(other)).isEqualTo(pods.podName(service));

      pods.stop(leader);
      List<Integer> rest = pods.ordinals().stream().filter(o -> o != leader).toList();
      assertThat(leader(pods, rest)).as("the new leader, %s stopped", pods.podName(leader)).isNotEqualTo(leader);
      put(pods.ip(rest.get(0)), "stateforge/after-stop", "two of three");
      assertThat(get(pods.ip(rest.get(1)), "stateforge/after-stop")).as("read with the old leader stopped").isEqualTo("two of three");
      for (int ordinal : rest) {
        assertThat(pods.probe(ordinal, APP, "readinessProbe")).as("readiness of %s with a quorum of two", pods.podName(ordinal)).isTrue();
      }
    }
    System.out.printf("EtcdPresetRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The dev overlay: one member, whose peer list names only itself, is its own quorum and leader. */
  @Test
  void theOneMemberOfDevIsItsOwnQuorum() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-etcd", work.resolve("out"), APP, "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(60));
      seeAll(pods);
      assertThat(leader(pods, pods.ordinals())).isZero();
      put(pods.ip(0), "k", "v");
      assertThat(get(pods.ip(0), "k")).isEqualTo("v");
      assertThat(pods.probe(0, APP, "livenessProbe")).isTrue();
    }
    System.out.printf("EtcdPresetRunTest dev: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /**
   * The ordinal of the leader that every given member reports (maintenance status: its own member
   * id and the leader's), once they agree on one among them (up to 20 s).
   */
  static int leader(PodRunner pods, List<Integer> members) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 40; attempt++) {
      TreeSet<String> leaders = new TreeSet<>();
      Map<String, Integer> ids = new java.util.HashMap<>();
      for (int ordinal : members) {
        JsonNode status = post(pods.ip(ordinal), "/v3/maintenance/status", "{}");
        leaders.add(status.path("leader").asText());
        ids.put(status.at("/header/member_id").asText(), ordinal);
      }
      last = "leaders " + leaders + ", members " + ids;
      if (leaders.size() == 1 && ids.containsKey(leaders.first())) {
        return ids.get(leaders.first());
      }
      Thread.sleep(500);
    }
    throw new AssertionError("members " + members + " agree on no leader among them: " + last);
  }
}
