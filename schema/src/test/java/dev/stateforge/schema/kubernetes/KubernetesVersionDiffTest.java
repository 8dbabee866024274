package dev.stateforge.schema.kubernetes;

import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.findings;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.read;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.resource;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each version folder really is that Kubernetes minor: a field that 1.34 added to the Pod spec
 * ({@code hostnameOverride}, found by diffing the generated 1.33 and 1.36 schemas) is rejected by the
 * 1.33 schema and accepted by the 1.36 one.
 */
class KubernetesVersionDiffTest {
  static final String OLD = "1.33";
  static final String NEW = "1.36";

  static String statefulSet(String minor) {
    return resource(minor, "apps/v1", "StatefulSet").orElseThrow();
  }

  static Set<String> podSpecFields(String minor) {
    Set<String> fields = new TreeSet<>();
    read(statefulSet(minor)).at("/definitions/V1PodSpec/properties").fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  @Test
  void thePodSpecGainedFieldsBetweenTheVersions() {
    Set<String> added = new TreeSet<>(podSpecFields(NEW));
    added.removeAll(podSpecFields(OLD));
    Set<String> removed = new TreeSet<>(podSpecFields(OLD));
    removed.removeAll(podSpecFields(NEW));

    assertThat(added).contains("hostnameOverride");
    assertThat(removed).isEmpty();
  }

  @Test
  void aFieldNewInTheNewerVersionIsRejectedByTheOlderSchemaOnly() throws IOException {
    JsonNode manifest;
    try (InputStream in = KubernetesVersionDiffTest.class.getClassLoader()
        .getResourceAsStream("k8s-corpus/statefulset/sts-valid.yaml")) {
      manifest = KubernetesCorpusTest.YAML.readTree(in);
    }
    ((ObjectNode) manifest.at("/spec/template/spec")).put("hostnameOverride", "orders-db");

    assertThat(findings(schema(statefulSet(OLD)), manifest))
        .containsExactly("/spec/template/spec additionalProperties hostnameOverride");
    assertThat(findings(schema(statefulSet(NEW)), manifest)).isEmpty();
  }
}
