package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.StandIns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-etcd case, run by the pod runner: each member of the kustomize-built StatefulSet is
 * started as its pod would be (own network namespace and address, the pods' DNS names in its hosts
 * file, the claim at /var/lib/etcd, the container's command and args expanded from its env), with
 * Debian's etcd in place of the image's. The members must form one cluster (every member sees all of
 * them), a key written through one is read through another, and with one of three stopped the rest
 * still serve. Skipped without etcd-server (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EtcdPeersRunTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path work;

  @Test
  void threeMembersOfTheBaseFormOneCluster() throws Exception {
    Engines.require(StandIns.etcd());
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("cluster-etcd", work.resolve("out"), "etcd", "base");
    assertThat(app.replicas()).isEqualTo(3);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(StandIns.etcd()), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      seeAll(pods);
      put(pods.ip(0), "stateforge/written-on", "etcd-0");
      assertThat(get(pods.ip(2), "stateforge/written-on")).as("read through etcd-2").isEqualTo("etcd-0");
      for (int ordinal : pods.ordinals()) {
        assertThat(pods.probe(ordinal, "etcd", "livenessProbe")).as("liveness of etcd-%s", ordinal).isTrue();
      }

      pods.stop(1);
      put(pods.ip(2), "stateforge/after-stop", "two of three");
      assertThat(get(pods.ip(0), "stateforge/after-stop")).as("read through etcd-0 with etcd-1 stopped").isEqualTo("two of three");
    }
    System.out.printf("EtcdPeersRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The dev overlay, as kustomize builds it: one member that is its own quorum. */
  @Test
  void theOneMemberOfDevIsACluster() throws Exception {
    Engines.require(StandIns.etcd());
    AppObjects app = RunnerCases.build("cluster-etcd", work.resolve("out"), "etcd", "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(StandIns.etcd()), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(60));
      seeAll(pods);
      put(pods.ip(0), "k", "v");
      assertThat(get(pods.ip(0), "k")).isEqualTo("v");
    }
  }

  /** Every member lists every pod of the set as a member. */
  static void seeAll(PodRunner pods) throws Exception {
    TreeSet<String> expected = new TreeSet<>();
    pods.ordinals().forEach(o -> expected.add(pods.podName(o)));
    for (int ordinal : pods.ordinals()) {
      TreeSet<String> names = new TreeSet<>();
      post(pods.ip(ordinal), "/v3/cluster/member/list", "{}").path("members").forEach(m -> names.add(m.path("name").asText()));
      assertThat(names).as("members that %s sees", pods.podName(ordinal)).isEqualTo(expected);
    }
  }

  static void put(String ip, String key, String value) throws Exception {
    post(ip, "/v3/kv/put", "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}");
  }

  static String get(String ip, String key) throws Exception {
    JsonNode kvs = post(ip, "/v3/kv/range", "{\"key\":\"" + b64(key) + "\"}").path("kvs");
    assertThat(kvs.size()).as("values of %s at %s", key, ip).isEqualTo(1);
    return new String(Base64.getDecoder().decode(kvs.get(0).path("value").asText()), StandardCharsets.UTF_8);
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** One call of etcd's JSON gateway on the member's client port, retried for up to 20 s while the cluster settles. */
  static JsonNode post(String ip, String path, String body) throws Exception {
    String last = "nothing";
    for (int attempt = 0; attempt < 40; attempt++) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":2379" + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200) {
          return JSON.readTree(response.body());
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("etcd at " + ip + path + " never answered 200; last: " + last);
  }
}
