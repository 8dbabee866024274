package dev.stateforge.schema.kubernetes;

import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.JSON;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.REGISTRY;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.ROOT;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.read;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.resources;
import static dev.stateforge.schema.kubernetes.KubernetesSchemaResources.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Kubernetes schema is valid draft-07, pins its kind, is closed, and is self-contained. */
class KubernetesSchemaShapeTest {
  static final Path RESOURCES = Path.of(System.getProperty("stateforge.kubernetes.resources", "src/main/resources"));
  static final Path INPUTS = Path.of(System.getProperty("stateforge.kubernetes.inputs", "src/build/kubernetes"));

  static Stream<Arguments> schemas() {
    return versions().stream().flatMap(minor -> resources(minor).entrySet().stream()
        .map(gvk -> Arguments.of(minor, gvk.getKey(), gvk.getValue())));
  }

  @Test
  void coversAtLeastTwoKubernetesMinorsAndEveryKindInEach() {
    assertThat(versions()).hasSizeGreaterThanOrEqualTo(2).contains("1.33", "1.36");
    assertThat(read(ROOT + "index.json").path("latest").asText()).isEqualTo(versions().get(versions().size() - 1));
    for (String minor : versions()) {
      assertThat(resources(minor).keySet()).containsExactlyInAnyOrder(
          "apps/v1 StatefulSet", "v1 Service", "storage.k8s.io/v1 StorageClass", "v1 PersistentVolumeClaim",
          "policy/v1 PodDisruptionBudget", "batch/v1 CronJob", "batch/v1 Job", "v1 ServiceAccount",
          "rbac.authorization.k8s.io/v1 Role", "rbac.authorization.k8s.io/v1 RoleBinding", "v1 ConfigMap",
          "networking.k8s.io/v1 NetworkPolicy",
          "snapshot.storage.k8s.io/v1 VolumeSnapshot", "snapshot.storage.k8s.io/v1 VolumeSnapshotClass",
          "monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PodMonitor",
          "monitoring.coreos.com/v1 PrometheusRule",
          "argoproj.io/v1alpha1 Application", "argoproj.io/v1alpha1 ApplicationSet",
          "kustomize.toolkit.fluxcd.io/v1 Kustomization");
    }
  }

  /**
   * The ApplicationSet template repeats the Application's definitions (each schema is self-contained), so
   * an ApplicationSet's template.spec is checked exactly like an Application's spec: the copies must agree.
   */
  @Test
  void anApplicationSetTemplateSpecIsTheApplicationSpec() {
    for (String minor : versions()) {
      JsonNode application = read(ROOT + minor + "/application.json").path("definitions");
      JsonNode applicationSet = read(ROOT + minor + "/applicationset.json").path("definitions");
      assertThat(applicationSet.at("/ApplicationSetTemplate/properties/spec/$ref").asText())
          .isEqualTo("#/definitions/ApplicationSpec");
      List<String> names = new ArrayList<>();
      application.fieldNames().forEachRemaining(names::add);
      assertThat(names).contains("ApplicationSpec", "ApplicationSource", "SyncPolicy");
      for (String name : names) {
        assertThat(applicationSet.get(name)).as("%s in Kubernetes %s", name, minor).isEqualTo(application.get(name));
      }
    }
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("schemas")
  void isAValidDraft07Schema(String minor, String gvk, String resource) throws IOException {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
    assertThat(meta.validate(read(resource))).isEmpty();
    // Not vacuous: a wrong type for "required" fails the meta-schema.
    assertThat(meta.validate(JSON.readTree("{\"type\": \"object\", \"required\": 3}"))).isNotEmpty();
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("schemas")
  void pinsApiVersionAndKindAtTheRoot(String minor, String gvk, String resource) {
    JsonNode schema = read(resource);
    String[] apiVersionKind = gvk.split(" ");
    assertThat(schema.at("/properties/apiVersion/const").asText()).isEqualTo(apiVersionKind[0]);
    assertThat(schema.at("/properties/kind/const").asText()).isEqualTo(apiVersionKind[1]);
    assertThat(schema.path("required")).extracting(JsonNode::asText).contains("apiVersion", "kind");
    assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("schemas")
  void closesEveryObjectAndAllowsNoNull(String minor, String gvk, String resource) {
    List<String> open = new ArrayList<>();
    walk(read(resource), "", (path, node) -> {
      if (node.has("properties") && !node.path("additionalProperties").equals(JSON.getNodeFactory().booleanNode(false))) {
        open.add(path + " has properties but is not closed");
      }
      if ("object".equals(node.path("type").asText()) && !node.has("properties") && !node.path("additionalProperties").isObject()) {
        open.add(path + " is an object with neither properties nor a value schema");
      }
      if (node.path("type").isArray() || "null".equals(node.path("type").asText())) {
        open.add(path + " allows null");
      }
    });
    assertThat(open).isEmpty();
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("schemas")
  void resolvesEveryReferenceInsideItselfAndDefinesNothingUnused(String minor, String gvk, String resource) {
    JsonNode schema = read(resource);
    Set<String> referenced = new TreeSet<>();
    walk(schema, "", (path, node) -> {
      if (node.has("$ref")) {
        String ref = node.get("$ref").asText();
        assertThat(ref).as(path).startsWith("#/definitions/");
        assertThat(schema.at(ref.substring(1)).isMissingNode()).as("%s at %s", ref, path).isFalse();
        referenced.add(ref.substring("#/definitions/".length()));
      }
    });
    Set<String> defined = new TreeSet<>();
    schema.path("definitions").fieldNames().forEachRemaining(defined::add);
    assertThat(defined).isEqualTo(referenced);
  }

  @Test
  void indexesEveryFileOfEachVersionFolder() throws IOException {
    for (String minor : versions()) {
      Set<String> listed = new TreeSet<>(resources(minor).values());
      listed.add(ROOT + minor + "/index.json");
      Set<String> present = new TreeSet<>();
      try (Stream<Path> files = Files.list(RESOURCES.resolve(ROOT + minor))) {
        files.forEach(f -> present.add(ROOT + minor + "/" + f.getFileName()));
      }
      assertThat(present).isEqualTo(listed);
    }
  }

  @Test
  void carriesEveryEnumOfTheOverlayInEveryVersion() throws IOException {
    JsonNode overlay = JSON.readTree(INPUTS.resolve("enum-overlay.json").toFile());
    assertThat(overlay.path("enums")).hasSizeGreaterThanOrEqualTo(18);
    for (String minor : versions()) {
      for (JsonNode entry : overlay.path("enums")) {
        String definition = entry.path("definition").asText();
        String property = entry.path("property").asText();
        String inModel = "/properties/" + (property.endsWith("[]") ? property.replace("[]", "") + "/items" : property) + "/enum";
        // A model is a definition wherever it is reached, or the document itself for a root (V1<Kind>).
        boolean found = resources(minor).entrySet().stream().anyMatch(gvk -> {
          JsonNode schema = read(gvk.getValue());
          boolean root = gvk.getKey().endsWith(" " + definition.replaceFirst("^V1", ""));
          return schema.at("/definitions/" + definition + inModel).equals(entry.path("values"))
              || (root && schema.at(inModel).equals(entry.path("values")));
        });
        assertThat(found).as("%s.%s in Kubernetes %s", definition, property, minor).isTrue();
      }
    }
  }

  @Test
  void needsNoClientJavaAtRuntime() {
    // The plugin reads these resources with Jackson and networknt alone; so do these tests.
    assertThatThrownBy(() -> Class.forName("io.kubernetes.client.openapi.models.V1StatefulSet"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
    if (node.isObject()) {
      visitor.accept(path, node);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), path + "/" + field.getKey(), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    }
  }
}
