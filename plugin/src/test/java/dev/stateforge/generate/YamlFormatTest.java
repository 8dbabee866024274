package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedConstructor;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.TestTrees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The output mapper skips fabric8's constructors when serializing ({@link YamlFormat.SerializingModel})
 * and makes the JSON trees too: neither may change a byte of what is written or checked.
 */
class YamlFormatTest {
  /** The same mapper with Jackson's own introspection, as the output was serialized before. */
  private static final YAMLMapper JACKSONS_DEFAULT = defaultIntrospection();

  private static YAMLMapper defaultIntrospection() {
    YAMLMapper mapper = YamlFormat.MAPPER.copy();
    mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector());
    return mapper;
  }

  @Test
  void everyGoldenObjectSerializesAsWithJacksonsDefaultIntrospection() throws Exception {
    Set<String> kinds = new TreeSet<>();
    int objects = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(TestTrees.sourceResources().resolve("cases"))) {
      files = walk.filter(p -> p.toString().contains("/expected/") && p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      for (JsonNode document : JACKSONS_DEFAULT.readerFor(JsonNode.class).readValues(file.toFile()).readAll().stream()
          .map(JsonNode.class::cast).toList()) {
        Optional<Class<? extends HasMetadata>> model = ObjectKind.of(document.path("apiVersion").asText(), document.path("kind").asText())
            .flatMap(ObjectKind::model);
        if (model.isEmpty()) {
          continue;
        }
        HasMetadata object = ObjectTrees.JSON.treeToValue(document, model.get());
        assertThat(YamlFormat.MAPPER.writeValueAsString(object)).as(file.toString())
            .isEqualTo(JACKSONS_DEFAULT.writeValueAsString(object));
        assertThat(ObjectTrees.toTree(object)).as(file.toString()).isEqualTo(JACKSONS_DEFAULT.valueToTree(object));
        kinds.add(document.path("kind").asText());
        objects++;
      }
    }
    assertThat(objects).isGreaterThan(200);
    assertThat(kinds).contains("StatefulSet", "Service", "PodDisruptionBudget", "CronJob", "Job", "StorageClass",
        "ConfigMap", "ServiceAccount", "Role", "RoleBinding", "PersistentVolumeClaim");
  }

  @Test
  void onlyFabric8ConstructorsAreSkippedAndOnlyWhenSerializing() {
    AnnotationIntrospector introspector = YamlFormat.MAPPER.getSerializationConfig().getAnnotationIntrospector();
    AnnotatedConstructor allArguments = constructors(StatefulSet.class).stream()
        .filter(c -> c.getParameterCount() > 0).findFirst().orElseThrow();
    assertThat(introspector.findCreatorAnnotation(YamlFormat.MAPPER.getSerializationConfig(), allArguments))
        .isEqualTo(JsonCreator.Mode.DISABLED);
    assertThat(introspector.findCreatorAnnotation(YamlFormat.MAPPER.getDeserializationConfig(), allArguments)).isNull();
    AnnotatedConstructor canonical = constructors(Kustomization.class).get(0);
    assertThat(introspector.findCreatorAnnotation(YamlFormat.MAPPER.getSerializationConfig(), canonical)).isNull();
  }

  private static List<AnnotatedConstructor> constructors(Class<?> type) {
    return YamlFormat.MAPPER.getSerializationConfig().introspect(YamlFormat.MAPPER.constructType(type)).getConstructors();
  }
}
