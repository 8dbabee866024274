package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.generate.ObjectKind;
import dev.stateforge.generate.TreePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The table of kinds agrees with the schemas validate checks against, and with the golden output. */
class ObjectKindTest {
  static final Path CASES = Path.of("src/test/resources/cases");

  @Test
  void everyKindInTheTableHasAStrictSchemaInEverySupportedVersion() {
    for (String version : KubernetesSchemas.versions()) {
      for (ObjectKind kind : ObjectKind.values()) {
        assertThat(KubernetesSchemas.knows(version, kind.apiVersion(), kind.kind()))
            .as("%s %s in Kubernetes %s", kind.apiVersion(), kind.kind(), version).isTrue();
      }
    }
  }

  @Test
  void aModelIsTheKindItReads() throws ReflectiveOperationException {
    for (ObjectKind kind : ObjectKind.values()) {
      if (kind.model().isPresent()) {
        var object = kind.model().get().getDeclaredConstructor().newInstance();
        assertThat(object.getApiVersion() + " " + object.getKind()).isEqualTo(kind.apiVersion() + " " + kind.kind());
      }
    }
  }

  @Test
  void fileNamesAreDistinctPerKind() {
    assertThat(java.util.Arrays.stream(ObjectKind.values()).map(ObjectKind::fileName).distinct())
        .hasSize(ObjectKind.values().length);
  }

  /** Every object of every golden tree is in the table, in a file named by it, and in cluster/ exactly when cluster-scoped. */
  @Test
  void goldenObjectsAreWhereTheTableSays() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CASES)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") && p.toString().contains("/expected/")
          && !p.getFileName().toString().equals(TreePaths.KUSTOMIZATION)).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(50);
    for (Path file : files) {
      Path caseDir = file;
      while (!caseDir.getFileName().toString().equals("expected")) {
        caseDir = caseDir.getParent();
      }
      String path = caseDir.relativize(file).toString().replace('\\', '/');
      JsonNode tree = new YAMLMapper().readTree(file.toFile());
      if (tree == null || !tree.has("kind") || tree.has("patches") || path.contains("/overlays/") && tree.has("op")) {
        continue;
      }
      ObjectKind kind = ObjectKind.of(tree.path("apiVersion").asText(), tree.path("kind").asText()).orElseThrow(
          () -> new AssertionError(file + ": " + tree.path("kind").asText() + " is not in the table"));
      String name = path.substring(path.lastIndexOf('/') + 1);
      assertThat(name).as(path).matches(java.util.regex.Pattern.quote(kind.fileName().replace(".yaml", "")) + "(-.+)?\\.yaml");
      assertThat(TreePaths.inCluster(path)).as(path).isEqualTo(kind.scope() == ObjectKind.Scope.CLUSTER);
    }
  }
}
