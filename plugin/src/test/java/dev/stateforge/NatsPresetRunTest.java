package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nats preset (case preset-nats), run by the pod runner with Debian's nats-server 2.9 in place
 * of the image's 2.10 (every flag and healthz option the preset uses is in 2.9). The three servers
 * of the base must route to each other (/routez), agree on one JetStream meta leader of a cluster
 * of three (/jsz), pass their probes, and take a stream of three replicas: a message published
 * through the client Service's target is read back through another member and is in every
 * member's own store; with the stream's leader stopped the other two elect a new one, take the next
 * message and serve it. dev's one server runs JetStream standalone. The client speaks NATS' text
 * protocol ({@link NatsWire}). Skipped without nats-server (fails with STATEFORGE_REQUIRE_ENGINES).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NatsPresetRunTest {
  static final String APP = "events";
  static final ImageStandIn IMAGE = StandIns.nats();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path work;

  @Test
  void threeServersKeepAStreamOfThreeReplicasThroughTheLossOfItsLeader() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-nats", work.resolve("out"), APP, "base");
    assertThat(app.replicas()).isEqualTo(3);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(120));
      TreeSet<String> names = new TreeSet<>();
      pods.ordinals().forEach(o -> names.add(pods.podName(o)));
      for (int ordinal : pods.ordinals()) {
        monitor(pods.ip(ordinal), "/routez", r -> r.path("num_routes").asInt() == 2);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
          assertThat(pods.probe(ordinal, APP, probe)).as("%s of %s", probe, pods.podName(ordinal)).isTrue();
        }
      }
      String metaLeader = metaLeader(pods, pods.ordinals(), 3);
      assertThat(names).as("the meta leader is a member").contains(metaLeader);

      int service = app.clientServices().get(APP);
      int other = pods.ordinals().stream().filter(o -> o != service).findFirst().orElseThrow();
      JsonNode stream;
      try (NatsWire client = new NatsWire(pods.ip(service), 4222)) {
        stream = await(client, "$JS.API.STREAM.CREATE.ORDERS",
            "{\"name\":\"ORDERS\",\"subjects\":[\"orders.>\"],\"num_replicas\":3,\"storage\":\"file\"}", r -> r.has("config"));
        assertThat(stream.at("/config/num_replicas").asInt()).isEqualTo(3);
        assertThat(await(client, "orders.new", "written via " + pods.podName(service), r -> r.has("seq")).path("seq").asLong()).isEqualTo(1);
      }
      try (NatsWire client = new NatsWire(pods.ip(other), 4222)) {
        assertThat(message(client, 1)).as("read through %s", pods.podName(other)).isEqualTo("written via " + pods.podName(service));
        JsonNode info = await(client, "$JS.API.STREAM.INFO.ORDERS", "", r -> r.at("/cluster/replicas").size() == 2);
        TreeSet<String> peers = new TreeSet<>(List.of(info.at("/cluster/leader").asText()));
        info.at("/cluster/replicas").forEach(r -> peers.add(r.path("name").asText()));
        assertThat(peers).as("the stream's leader and replicas").isEqualTo(names);
      }
      for (int ordinal : pods.ordinals()) {
        assertThat(storedMessages(pods.ip(ordinal))).as("messages in the store of %s", pods.podName(ordinal)).isEqualTo(1);
      }

      int leader = ordinal(pods, infoOf(pods.ip(service)).at("/cluster/leader").asText());
      pods.stop(leader);
      List<Integer> rest = pods.ordinals().stream().filter(o -> o != leader).toList();
      try (NatsWire client = new NatsWire(pods.ip(rest.get(0)), 4222)) {
        assertThat(await(client, "orders.new", "with one stopped", r -> r.has("seq")).path("seq").asLong()).isEqualTo(2);
      }
      try (NatsWire client = new NatsWire(pods.ip(rest.get(1)), 4222)) {
        assertThat(message(client, 2)).as("read with the stream's old leader %s stopped", pods.podName(leader)).isEqualTo("with one stopped");
        String newLeader = await(client, "$JS.API.STREAM.INFO.ORDERS", "", r -> !r.at("/cluster/leader").asText().isEmpty())
            .at("/cluster/leader").asText();
        assertThat(newLeader).as("the stream's new leader").isNotEqualTo(pods.podName(leader)).isIn(names);
      }
      assertThat(names).contains(metaLeader(pods, rest, 3));
      for (int ordinal : rest) {
        assertThat(pods.probe(ordinal, APP, "readinessProbe")).as("readiness of %s, one stopped", pods.podName(ordinal)).isTrue();
      }
    }
    System.out.printf("NatsPresetRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /**
   * The dev overlay: one server, given no cluster port and no routes (the peer lists' alone value),
   * runs JetStream standalone with its store on the claim and keeps a stream of one replica. (With
   * a cluster port and a route to itself it waited for a route forever and never became ready.)
   */
  @Test
  void theOneServerOfDevRunsJetStream() throws Exception {
    Engines.require(IMAGE);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-nats", work.resolve("out"), APP, "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(IMAGE), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(90));
      JsonNode jsz = monitor(pods.ip(0), "/jsz", r -> r.at("/config/store_dir").asText().startsWith("/data"));
      assertThat(jsz.has("meta_cluster")).as("JetStream standalone, no meta group: %s", jsz).isFalse();
      try (NatsWire client = new NatsWire(pods.ip(0), 4222)) {
        await(client, "$JS.API.STREAM.CREATE.ORDERS", "{\"name\":\"ORDERS\",\"subjects\":[\"orders.>\"],\"num_replicas\":1}", r -> r.has("config"));
        await(client, "orders.new", "dev", r -> r.has("seq"));
        assertThat(message(client, 1)).isEqualTo("dev");
      }
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        assertThat(pods.probe(0, APP, probe)).as(probe).isTrue();
      }
    }
    System.out.printf("NatsPresetRunTest dev: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The meta leader every given server reports once they agree, in a meta group of {@code size} (up to 30 s). */
  static String metaLeader(PodRunner pods, List<Integer> members, int size) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      TreeSet<String> leaders = new TreeSet<>();
      for (int ordinal : members) {
        JsonNode meta = monitor(pods.ip(ordinal), "/jsz", r -> true).path("meta_cluster");
        last = meta.toString();
        leaders.add(meta.path("cluster_size").asInt() == size ? meta.path("leader").asText() : "");
      }
      if (leaders.size() == 1 && !leaders.first().isEmpty()) {
        return leaders.first();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no meta leader agreed by " + members + " in a group of " + size + "; last: " + last);
  }

  /** How many messages of ORDERS the server at {@code ip} holds in its own store (/jsz with stream details). */
  static long storedMessages(String ip) throws Exception {
    JsonNode jsz = monitor(ip, "/jsz?accounts=true&streams=true", r -> streamState(r).path("messages").asLong() > 0);
    return streamState(jsz).path("messages").asLong();
  }

  static JsonNode streamState(JsonNode jsz) {
    for (JsonNode account : jsz.path("account_details")) {
      for (JsonNode stream : account.path("stream_detail")) {
        if (stream.path("name").asText().equals("ORDERS")) {
          return stream.path("state");
        }
      }
    }
    return NatsWire.JSON.createObjectNode();
  }

  static JsonNode infoOf(String ip) throws Exception {
    try (NatsWire client = new NatsWire(ip, 4222)) {
      return await(client, "$JS.API.STREAM.INFO.ORDERS", "", r -> !r.at("/cluster/leader").asText().isEmpty());
    }
  }

  static int ordinal(PodRunner pods, String podName) {
    return pods.ordinals().stream().filter(o -> pods.podName(o).equals(podName)).findFirst()
        .orElseThrow(() -> new AssertionError(podName + " is no pod"));
  }

  /** The payload of the stream's message {@code seq}, from the stream's leader through this connection's server. */
  static String message(NatsWire client, long seq) throws Exception {
    JsonNode got = await(client, "$JS.API.STREAM.MSG.GET.ORDERS", "{\"seq\":" + seq + "}", r -> r.has("message"));
    return new String(Base64.getDecoder().decode(got.at("/message/data").asText()), StandardCharsets.UTF_8);
  }

  /** A request repeated (up to 30 s) until its answer passes: JetStream answers with an error while its groups elect leaders. */
  static JsonNode await(NatsWire client, String subject, String payload, Predicate<JsonNode> done) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        JsonNode answer = client.request(subject, payload);
        if (done.test(answer)) {
          return answer;
        }
        last = answer.toString();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(subject + " never answered as expected; last: " + last);
  }

  /** A monitoring endpoint's JSON, fetched until it passes (up to 30 s). */
  static JsonNode monitor(String ip, String path, Predicate<JsonNode> done) throws Exception {
    String last = "nothing";
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8222" + path))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200 && done.test(NatsWire.JSON.readTree(response.body()))) {
          return NatsWire.JSON.readTree(response.body());
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(ip + path + " never answered as expected; last: " + last);
  }
}
