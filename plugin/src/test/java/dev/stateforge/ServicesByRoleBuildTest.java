package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a cluster would receive for each environment of the case {@code services-by-role}, built by
 * {@code kubectl kustomize}: one per-pod Service for each broker the built StatefulSet runs, each
 * selecting its own pod; a client Service without the peer and admin ports; a primary Service that
 * selects a pod the environment has; and a network policy that lets only the members reach the
 * peer and admin ports.
 */
class ServicesByRoleBuildTest {
  static final Path CASE = GoldenCasesTest.CASES.resolve("services-by-role");
  static final Set<String> MEMBERS_ONLY = Set.of("controller", "jmx");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"base", "dev", "prod"})
  void eachEnvironmentGetsServicesAndPolicyThatFollowItsReplicas(String environment, @TempDir Path out) throws Exception {
    CompileReport report = new Compiler().build(CaseRequest.of(CASE, out));
    assertThat(report.hasErrors()).isFalse();

    List<JsonNode> kafka = build(out.resolve("kafka").resolve(dir(environment)));
    int replicas = object(kafka, "StatefulSet", "kafka").path("spec").path("replicas").asInt(1);
    Set<String> perPod = new TreeSet<>();
    for (JsonNode service : objects(kafka, "Service")) {
      String name = service.path("metadata").path("name").asText();
      if (name.startsWith("kafka-external-")) {
        perPod.add(name);
        String ordinal = name.substring("kafka-external-".length());
        assertThat(service.path("spec").path("selector").path("statefulset.kubernetes.io/pod-name").asText())
            .as(name).isEqualTo("kafka-" + ordinal);
        assertThat(service.path("spec").path("type").asText()).isEqualTo("LoadBalancer");
        assertThat(ports(service)).containsExactly("external");
      }
    }
    assertThat(perPod).as("per-pod Services in %s", environment).isEqualTo(
        IntStream.range(0, replicas).mapToObj(i -> "kafka-external-" + i).collect(Collectors.toCollection(TreeSet::new)));
    assertThat(ports(object(kafka, "Service", "kafka"))).doesNotContainAnyElementsOf(MEMBERS_ONLY);
    assertThat(ports(object(kafka, "Service", "kafka-headless"))).containsAll(MEMBERS_ONLY);

    // Every rule that lets in anyone but the members leaves the peer and admin ports out, and names ports.
    JsonNode policy = object(kafka, "NetworkPolicy", "kafka");
    JsonNode members = policy.path("spec").path("podSelector");
    for (JsonNode rule : policy.path("spec").path("ingress")) {
      boolean membersOnly = rule.path("from").size() == 1 && rule.path("from").get(0).path("podSelector").equals(members)
          && !rule.path("from").get(0).has("namespaceSelector");
      if (!membersOnly) {
        List<String> open = new ArrayList<>();
        rule.path("ports").forEach(p -> open.add(p.path("port").asText()));
        assertThat(open).as("a rule for others than the members").isNotEmpty().doesNotContainAnyElementsOf(MEMBERS_ONLY);
      }
    }

    if (!environment.equals("prod")) { // orders-db has no prod environment
      List<JsonNode> db = build(out.resolve("orders-db").resolve(dir(environment)));
      int dbReplicas = object(db, "StatefulSet", "orders-db").path("spec").path("replicas").asInt(1);
      int primary = object(db, "Service", "orders-db-primary").path("spec").path("selector")
          .path("apps.kubernetes.io/pod-index").asInt(-1);
      assertThat(primary).isBetween(0, dbReplicas - 1);
      assertThat(object(db, "Service", "orders-db-read").path("spec").path("selector").has("apps.kubernetes.io/pod-index"))
          .isFalse();
    }
  }

  /** The base, or an environment's overlay. */
  private static String dir(String environment) {
    return environment.equals("base") ? "base" : "overlays/" + environment;
  }

  private static List<JsonNode> build(Path dir) throws IOException, InterruptedException {
    KustomizeBuildTest.Result result = KustomizeBuildTest.kustomize(dir);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(result.stdout())) {
      docs.forEachRemaining(objects::add);
    }
    return objects;
  }

  private static List<JsonNode> objects(List<JsonNode> all, String kind) {
    return all.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode object(List<JsonNode> all, String kind, String name) {
    return objects(all, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  private static List<String> ports(JsonNode service) {
    List<String> names = new ArrayList<>();
    service.path("spec").path("ports").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }
}
