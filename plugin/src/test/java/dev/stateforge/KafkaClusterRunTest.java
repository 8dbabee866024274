package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.Shell;
import dev.stateforge.podrunner.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preset-kafka case, run by the pod runner with Kafka's own jars from Maven Central (the
 * plugin's test dependencies) in place of the apache/kafka image's, started by a stand-in of the
 * image's scripts (StandIns.kafka): every pod turns its KAFKA_* variables into server.properties and
 * formats its log dir with the spec's CLUSTER_ID, then runs a combined broker and controller. The
 * base's three nodes must form one KRaft quorum (a leader, three voters), a topic with three
 * replicas takes a record through one broker that another serves, and with one node (the quorum's
 * leader) stopped the other two still elect a leader, accept writes (min.insync.replicas = 2) and
 * serve them. The dev overlay's one node is its own quorum. The clients are the image's tools, run
 * in a pod as {@code kubectl exec} would, so the brokers' advertised DNS names resolve.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class KafkaClusterRunTest {
  static final String CONTAINER = "events-kafka";
  /** Each broker's heap here, in place of the spec's 2 GiB: three JVMs on a small shared machine. */
  static final String HEAP = "-Xms96m -Xmx320m";

  @TempDir Path work;

  @Test
  void threeCombinedNodesFormOneQuorumAndServeWithOneStopped() throws Exception {
    ImageStandIn image = StandIns.kafka(StandIns.classPathJars(), HEAP);
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-kafka", work.resolve("out"), "events-kafka", "base");
    assertThat(app.replicas()).isEqualTo(3);
    assertThat(app.orderedReady()).as("Parallel: every node starts at once").isFalse();
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(image), work.resolve("run"))) {
      assertThat(pods.ordinals()).containsExactly(0, 1, 2);
      pods.startAll(Duration.ofSeconds(240));
      for (int ordinal : pods.ordinals()) {
        assertThat(pods.probe(ordinal, CONTAINER, "livenessProbe")).as("liveness of events-kafka-%s", ordinal).isTrue();
      }
      Quorum quorum = quorum(pods, 0, pods.ordinals());
      assertThat(quorum.voters()).as("voters").containsExactly(0, 1, 2);
      assertThat(quorum.leader()).as("leader").isIn(0, 1, 2);

      tool(pods, 0, "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", "localhost:9092", "--create", "--topic", "orders",
          "--partitions", "3");
      String described = tool(pods, 0, "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", "localhost:9092", "--describe",
          "--topic", "orders");
      assertThat(described).as("the broker defaults of the preset").contains("ReplicationFactor: 3").contains("min.insync.replicas=2");

      produce(pods, 0, "orders", "written-through-events-kafka-0");
      assertThat(consume(pods, 2, "orders", 1)).as("read through events-kafka-2").containsExactly("written-through-events-kafka-0");

      int leader = quorum.leader();
      pods.stop(leader);
      List<Integer> rest = pods.ordinals().stream().filter(o -> o != leader).toList();
      Quorum after = quorum(pods, rest.get(0), rest);
      assertThat(after.voters()).as("the static voters, one of them stopped").containsExactly(0, 1, 2);
      assertThat(after.leader()).as("a new quorum leader among %s", rest).isIn(rest);
      produce(pods, rest.get(0), "orders", "written-with-events-kafka-" + leader + "-stopped");
      assertThat(consume(pods, rest.get(1), "orders", 2)).as("read through events-kafka-%s with events-kafka-%s stopped", rest.get(1), leader)
          .containsExactlyInAnyOrder("written-through-events-kafka-0", "written-with-events-kafka-" + leader + "-stopped");
    }
    System.out.printf("KafkaClusterRunTest base: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** The dev overlay: one node, one voter, one copy of everything. */
  @Test
  void theOneNodeOfDevIsItsOwnQuorum() throws Exception {
    ImageStandIn image = StandIns.kafka(StandIns.classPathJars(), HEAP);
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("preset-kafka", work.resolve("out"), "events-kafka", "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(image), work.resolve("run"))) {
      pods.startAll(Duration.ofSeconds(180));
      Quorum quorum = quorum(pods, 0, List.of(0));
      assertThat(quorum.voters()).containsExactly(0);
      assertThat(quorum.leader()).isZero();
      produce(pods, 0, "dev-events", "one");
      assertThat(consume(pods, 0, "dev-events", 1)).containsExactly("one");
    }
    System.out.printf("KafkaClusterRunTest dev: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /**
   * The preset-kafka-split case: three dedicated controllers (kafka-controller preset) and three
   * brokers with ids from 100 (kafka-broker preset), two apps on one pod network, the brokers'
   * voters as their spec writes them. The controllers form the quorum, every broker joins it as an
   * observer, and a topic of three replicas takes a record through one broker that another serves.
   */
  @Test
  void dedicatedControllersAndBrokersFormOneCluster() throws Exception {
    ImageStandIn image = StandIns.kafka(StandIns.classPathJars(), HEAP);
    Engines.require(image);
    long started = System.nanoTime();
    AppObjects controllers = RunnerCases.build("preset-kafka-split", work.resolve("out-controllers"), "events-controller", "base");
    AppObjects brokers = RunnerCases.build("preset-kafka-split", work.resolve("out-brokers"), "events-broker", "base");
    try (PodRunner quorum = new PodRunner(controllers, Map.of(), List.of(image), work.resolve("run-controllers"));
        PodRunner data = new PodRunner(brokers, Map.of(), List.of(image), work.resolve("run-brokers"), quorum)) {
      assertThat(data.ordinals()).containsExactly(100, 101, 102);
      quorum.startAll(Duration.ofSeconds(240));
      data.startAll(Duration.ofSeconds(240));
      Quorum formed = quorum(quorum, "events-controller", 0, quorum.ordinals());
      assertThat(formed.voters()).as("voters: the controllers").containsExactly(0, 1, 2);
      for (int attempt = 0; attempt < 30 && formed.observers().size() < 3; attempt++) {
        Thread.sleep(2000);
        formed = quorum(quorum, "events-controller", 0, quorum.ordinals());
      }
      assertThat(formed.observers()).as("observers: the brokers").containsExactly(100, 101, 102);

      tool(data, "events-broker", 100, "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", "localhost:9092", "--create",
          "--topic", "clicks", "--partitions", "3");
      assertThat(tool(data, "events-broker", 100, "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", "localhost:9092",
          "--describe", "--topic", "clicks")).as("a new topic's defaults, which the controllers' config decides")
          .contains("ReplicationFactor: 3").contains("min.insync.replicas=2");
      produce(data, "events-broker", 100, "clicks", "written-through-events-broker-100");
      assertThat(consume(data, "events-broker", 102, "clicks", 1)).as("read through events-broker-102")
          .containsExactly("written-through-events-broker-100");
    }
    System.out.printf("KafkaClusterRunTest split: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  record Quorum(int leader, List<Integer> voters, List<Integer> observers) {}

  private static final Pattern LEADER = Pattern.compile("LeaderId:\\s+(-?\\d+)");
  private static final Pattern VOTERS = Pattern.compile("CurrentVoters:\\s+\\[(.*)\\]");
  private static final Pattern OBSERVERS = Pattern.compile("CurrentObservers:\\s+\\[(.*)\\]");

  /**
   * kafka-metadata-quorum.sh describe --status through the pod's controller listener, until it names
   * a leader among {@code leaders} (up to a minute: an election after a stop takes a few seconds).
   */
  static Quorum quorum(PodRunner pods, int ordinal, List<Integer> leaders) throws Exception {
    return quorum(pods, CONTAINER, ordinal, leaders);
  }

  static Quorum quorum(PodRunner pods, String container, int ordinal, List<Integer> leaders) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 30; attempt++) {
      Shell.Result result = pods.exec(ordinal, container, List.of("/opt/kafka/bin/kafka-run-class.sh",
          "org.apache.kafka.tools.MetadataQuorumCommand", "--bootstrap-controller", "localhost:9093", "describe", "--status"), 90);
      last = result.output();
      Matcher leader = LEADER.matcher(last);
      Matcher current = VOTERS.matcher(last);
      if (result.exitCode() == 0 && leader.find() && current.find() && leaders.contains(Integer.parseInt(leader.group(1)))) {
        Matcher observers = OBSERVERS.matcher(last);
        return new Quorum(Integer.parseInt(leader.group(1)), voterIds(current.group(1)), observers.find() ? voterIds(observers.group(1)) : List.of());
      }
      Thread.sleep(2000);
    }
    throw new AssertionError("no quorum leader among " + leaders + " seen from " + container + "-" + ordinal + "; the tool said:\n" + last + "\n" + pods.logs());
  }

  /** The voters' ids, from either form the tool prints: {@code [0,1,2]} or {@code [{"id": 0, ...}, ...]}. */
  static List<Integer> voterIds(String list) {
    List<Integer> ids = new ArrayList<>();
    Matcher id = (list.contains("\"id\"") ? Pattern.compile("\"id\":\\s*(\\d+)") : Pattern.compile("(\\d+)")).matcher(list);
    while (id.find()) {
      ids.add(Integer.parseInt(id.group(1)));
    }
    return ids.stream().sorted().toList();
  }

  /** One record through the pod's broker with the console producer (acks=all), retried while leaders move. */
  static void produce(PodRunner pods, int ordinal, String topic, String value) throws Exception {
    produce(pods, CONTAINER, ordinal, topic, value);
  }

  static void produce(PodRunner pods, String container, int ordinal, String topic, String value) throws Exception {
    String last = "";
    for (int attempt = 0; attempt < 6; attempt++) {
      Shell.Result result = pods.exec(ordinal, container, List.of("/bin/sh", "-c", "echo " + Shell.quote(value)
          + " | /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server localhost:9092 --topic "
          + topic + " --producer-property acks=all --producer-property delivery.timeout.ms=30000 --producer-property request.timeout.ms=20000"
          + " --producer-property linger.ms=0 --sync"), 120);
      last = result.output();
      if (result.exitCode() == 0 && !last.contains("ERROR")) {
        return;
      }
      Thread.sleep(3000);
    }
    throw new AssertionError("producing to " + topic + " through " + container + "-" + ordinal + " failed:\n" + last + "\n" + pods.logs());
  }

  /** The topic's records from the beginning, through the pod's broker, with the console consumer. */
  static List<String> consume(PodRunner pods, int ordinal, String topic, int count) {
    return consume(pods, CONTAINER, ordinal, topic, count);
  }

  static List<String> consume(PodRunner pods, String container, int ordinal, String topic, int count) {
    String out = tool(pods, container, ordinal, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", "localhost:9092",
        "--topic", topic, "--from-beginning", "--max-messages", String.valueOf(count), "--timeout-ms", "90000",
        "--group", "stateforge-" + ordinal + "-" + System.nanoTime());
    return out.lines().filter(l -> !l.isBlank() && !l.startsWith("Processed a total") && !l.contains("WARN") && !l.startsWith("[")).toList();
  }

  /** A tool of the image in the pod's container; must succeed. */
  static String tool(PodRunner pods, int ordinal, String mainClass, String... args) {
    return tool(pods, CONTAINER, ordinal, mainClass, args);
  }

  static String tool(PodRunner pods, String container, int ordinal, String mainClass, String... args) {
    List<String> argv = new ArrayList<>(List.of("/opt/kafka/bin/kafka-run-class.sh", mainClass));
    argv.addAll(List.of(args));
    Shell.Result result = pods.exec(ordinal, container, argv, 150);
    assertThat(result.exitCode()).as("%s %s on %s-%s: %s", mainClass, String.join(" ", args), container, ordinal, result.output()).isZero();
    return result.output();
  }
}
