package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.TestTrees;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.parse.EnvironmentMerge;
import dev.stateforge.parse.LoadedSpec;
import dev.stateforge.parse.SpecBinder;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.spec.AppSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl kustomize overlays/<env>} must give exactly the objects that compiling the
 * environment's merged spec gives directly: the overlay's patches are a faithful difference.
 */
class OverlayEquivalenceTest {
  static final Path CASES = TestTrees.sourceResources().resolve("cases");

  /** {@code case/app/environment}: the patches case proves an overlay carries the effect of the spec's patches too. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"environments/orders-db/dev", "environments/orders-db/prod", "patches/search/dev", "patches/search/prod"})
  void theOverlayBuildsToTheEnvironmentsOwnObjects(String which, @TempDir Path out) throws Exception {
    String[] parts = which.split("/");
    Path caseDir = CASES.resolve(parts[0]);
    String app = parts[1];
    String environment = parts[2];
    CompileReport report = new Compiler().build(new CompileRequest(caseDir, caseDir.resolve("input"), out, Map.of()));
    assertThat(report.hasErrors()).isFalse();

    Set<JsonNode> built = kustomize(out.resolve(app + "/overlays/" + environment));

    SpecLoader loader = new SpecLoader(caseDir, Map.of(), getClass().getClassLoader());
    LoadedSpec loaded = loader.load(caseDir.resolve("input/" + app + ".conf"), new Diagnostics()).orElseThrow();
    AppSpec base = SpecBinder.bind(loaded);
    AppSpec variant = SpecBinder.bind(EnvironmentMerge.environments(loaded, new Diagnostics()).stream()
        .filter(e -> e.name().equals(environment)).findFirst().orElseThrow().spec());
    Set<JsonNode> direct = new HashSet<>();
    List<OutputObject> generated = OverlayGenerator.objects(variant, OverlayGenerator.components(base, variant));
    SpecPatches.Result patched = SpecPatches.apply(variant.patches(), generated, List.of());
    assertThat(patched.problems()).isEmpty();
    for (OutputObject manifest : patched.of(generated)) {
      direct.add(normalized(ObjectTrees.toTree(manifest.object())));
    }

    assertThat(built).hasSameSizeAs(direct);
    assertThat(built).containsExactlyInAnyOrderElementsOf(direct);
  }

  /** The same number read from YAML and from a Java long are different node types; compare values through JSON text. */
  static JsonNode normalized(JsonNode node) {
    try {
      return JSON.readTree(node.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  static Set<JsonNode> kustomize(Path dir) throws Exception {
    Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stderr).as("kustomize warnings").isBlank();
    Set<JsonNode> objects = new HashSet<>();
    try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(stdout)) {
      documents.readAll().forEach(d -> objects.add(normalized(d)));
    }
    return objects;
  }
}
