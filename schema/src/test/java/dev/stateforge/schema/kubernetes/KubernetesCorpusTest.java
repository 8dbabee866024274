package dev.stateforge.schema.kubernetes;

import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.findings;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.resource;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.resources;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.schema;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifest corpus of shared/K8S-SCHEMAS.md §1c, plus cases for every other kind: every valid
 * manifest passes and every single-defect manifest is rejected with exactly its one finding, in every
 * Kubernetes version. Each case states its expectation in its own header: {@code # expect: valid}, or
 * one {@code # expect: <pointer> <keyword> [<property>]} line per finding. networknt reports a failed
 * {@code anyOf} through its branches: a bad IntOrString is one {@code type} finding (both branches say
 * so), a bad Quantity is {@code pattern} (the string branch) plus {@code type} (the number branch).
 */
class KubernetesCorpusTest {
  /** Duplicate keys fail the parse, as kubeconform's UnmarshalStrict does. */
  static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  static final String EXPECT = "# expect: ";

  /** The 36 cases of the design note's table, by name. */
  static final Set<String> DESIGN_NOTE_CASES = Set.of(
      "sts-valid", "sts-typo-replcas", "sts-nested-typo", "sts-missing-selector", "sts-container-no-name",
      "sts-replicas-three", "sts-replicas-string3", "sts-replicas-float", "sts-servicename-int", "sts-label-int",
      "sts-port-string", "sts-storage-10-space-Gi", "sts-cpu-half", "sts-maxunavail-pct", "sts-maxunavail-bool",
      "sts-bad-apiversion", "sts-bad-enum",
      "pdb-valid-int", "pdb-valid-pct", "pdb-typo", "pdb-minavail-bool", "pdb-minavail-object", "pdb-bad-enum",
      "sc-valid", "sc-missing-provisioner", "sc-typo", "sc-param-int", "sc-bool-as-string", "sc-bad-enum",
      "cj-valid", "cj-missing-schedule", "cj-missing-jobtemplate", "cj-typo", "cj-deadline-string",
      "cj-args-not-array", "cj-bad-enum");

  record Case(String name, Path file, List<String> expected) {
    boolean valid() {
      return expected.equals(List.of("valid"));
    }

    @Override
    public String toString() {
      return file.getParent().getFileName() + "/" + name;
    }
  }

  static List<Case> corpus() throws IOException, URISyntaxException {
    Path root = Path.of(KubernetesCorpusTest.class.getClassLoader().getResource("k8s-corpus").toURI());
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<String> expected = Files.readAllLines(file).stream()
            .filter(line -> line.startsWith(EXPECT))
            .map(line -> line.substring(EXPECT.length()).strip())
            .sorted()
            .toList();
        assertThat(expected).as("%s states what it expects", file).isNotEmpty();
        cases.add(new Case(file.getFileName().toString().replace(".yaml", ""), file, expected));
      }
    }
    return cases;
  }

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    List<Case> corpus = corpus();
    return versions().stream().flatMap(minor -> corpus.stream().map(c -> Arguments.of(minor, c)));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("cases")
  void findsExactlyTheStatedDefect(String minor, Case c) throws IOException {
    JsonNode manifest = YAML.readTree(c.file().toFile());
    // Chosen by kind alone, so that a wrong apiVersion is reported as such (sts-bad-apiversion).
    String kind = manifest.path("kind").asText();
    List<String> schemas = resources(minor).entrySet().stream()
        .filter(e -> e.getKey().endsWith(" " + kind))
        .map(e -> e.getValue())
        .toList();
    assertThat(schemas).as("schemas for kind %s in %s", kind, minor).hasSize(1);

    List<String> findings = findings(schema(schemas.get(0)), manifest);

    if (c.valid()) {
      assertThat(findings).as("%s in Kubernetes %s", c, minor).isEmpty();
    } else {
      assertThat(findings).as("%s in Kubernetes %s", c, minor).containsExactlyElementsOf(c.expected());
    }
  }

  @Test
  void holdsTheThirtySixCasesOfTheDesignNote() throws IOException, URISyntaxException {
    Set<String> names = new TreeSet<>();
    corpus().forEach(c -> names.add(c.name()));
    assertThat(names).containsAll(DESIGN_NOTE_CASES);
    assertThat(DESIGN_NOTE_CASES).hasSize(36);
  }

  @Test
  void everyKindHasAValidAndAnInvalidCase() throws IOException, URISyntaxException {
    List<Case> corpus = corpus();
    for (String minor : versions()) {
      for (String gvk : resources(minor).keySet()) {
        String folder = gvk.substring(gvk.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        List<Case> cases = corpus.stream().filter(c -> c.file().getParent().getFileName().toString().equals(folder)).toList();
        assertThat(cases).as(gvk).anyMatch(Case::valid).anyMatch(c -> !c.valid());
      }
    }
  }

  @Test
  void anUnknownApiVersionHasNoSchema() {
    for (String minor : versions()) {
      assertThat(resource(minor, "apps/v1", "StatefulSet")).isPresent();
      assertThat(resource(minor, "apps/v1beta9", "StatefulSet")).isEmpty();
      assertThat(resource(minor, "batch/v1beta1", "CronJob")).as("removed in 1.25").isEmpty();
    }
  }

  @Test
  void duplicateKeysFailTheParse() {
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: a
          name: b
        """;
    assertThatThrownBy(() -> YAML.readTree(yaml))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'name'");
  }
}
