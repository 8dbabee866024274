package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonParser;
import dev.stateforge.TestTrees;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StorageClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cross-check by another implementation: every manifest in the golden trees must also be read by
 * the official Kubernetes Java client, which rejects unknown fields and checks required ones and
 * value types (quantities, int-or-string) as it deserializes. Test scope only.
 */
class OfficialClientDifferentialTest {
  static final Map<String, Class<?>> MODELS = Map.ofEntries(
      Map.entry("Role", V1Role.class),
      Map.entry("RoleBinding", V1RoleBinding.class),
      Map.entry("ServiceAccount", V1ServiceAccount.class),
      Map.entry("CronJob", V1CronJob.class),
      Map.entry("Job", V1Job.class),
      Map.entry("StatefulSet", V1StatefulSet.class),
      Map.entry("Service", V1Service.class),
      Map.entry("ConfigMap", V1ConfigMap.class),
      Map.entry("PersistentVolumeClaim", V1PersistentVolumeClaim.class),
      Map.entry("PodDisruptionBudget", V1PodDisruptionBudget.class),
      Map.entry("NetworkPolicy", V1NetworkPolicy.class),
      Map.entry("StorageClass", V1StorageClass.class));

  static Stream<Path> manifests() throws IOException {
    try (Stream<Path> walk = Files.walk(TestTrees.sourceResources().resolve("cases"))) {
      return walk.filter(p -> p.toString().contains("/expected/") && p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void theOfficialClientReadsIt(Path manifest) throws Exception {
    JsonNode tree = new YAMLMapper().readTree(manifest.toFile());
    String kind = tree.path("kind").asText();
    String group = tree.path("apiVersion").asText();
    if (group.startsWith("monitoring.coreos.com/") || group.startsWith("snapshot.storage.k8s.io/")
        || group.startsWith("argoproj.io/") || group.startsWith("kustomize.toolkit.fluxcd.io/")) {
      return; // CRDs (Prometheus Operator, CSI snapshots, Argo CD, Flux): the official client has no model; their CRD schemas check them
    }
    Class<?> model = MODELS.get(kind);
    assertThat(model).as("a model for %s", kind).isNotNull();
    String json = new ObjectMapper().writeValueAsString(tree);

    // Strict: unknown fields, missing required fields and wrong JSON types fail here.
    model.getMethod("validateJsonElement", com.google.gson.JsonElement.class).invoke(null, JsonParser.parseString(json));
    Object read = new JSON().deserialize(json, model);

    assertThat(read).isNotNull();
    assertThat(List.of(model.getMethod("getKind").invoke(read))).containsExactly(kind);
  }
}
