package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.TestTrees;
import dev.stateforge.generate.OutputObject;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Output is valid for every supported Kubernetes version, and a field a version lacks is named. */
class KubernetesVersionsTest {

  static Stream<Arguments> casesByVersion() throws IOException {
    Path cases = TestTrees.sourceResources().resolve("cases");
    List<String> names;
    try (Stream<Path> dirs = Files.list(cases)) {
      names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    return KubernetesSchemas.versions().stream().flatMap(v -> names.stream().map(n -> Arguments.of(v, n)));
  }

  @Test
  void supportsAtLeastTwoMinorsAndDefaultsToTheNewest() {
    assertThat(KubernetesSchemas.versions()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(KubernetesSchemas.latest()).isEqualTo(KubernetesSchemas.versions().get(KubernetesSchemas.versions().size() - 1));
  }

  @ParameterizedTest(name = "Kubernetes {0}: {1}")
  @MethodSource("casesByVersion")
  void everyGoldenCaseIsValidForEveryVersion(String version, String name) throws IOException {
    Path caseDir = TestTrees.sourceResources().resolve("cases").resolve(name);
    CompileReport report = new Compiler().compile(
        new CompileRequest(caseDir, caseDir.resolve("input"), caseDir.resolve("unused"), Map.of(), false, version));
    assertThat(report.hasErrors()).as(report.diagnostics().toString()).isFalse();
    assertThat(report.tree()).isNotNull();
  }

  @Test
  void anUnsupportedVersionIsAnErrorListingTheSupportedOnes() throws IOException {
    Path caseDir = TestTrees.sourceResources().resolve("cases/minimal");
    CompileReport report = new Compiler().compile(
        new CompileRequest(caseDir, caseDir.resolve("input"), caseDir.resolve("unused"), Map.of(), false, "1.12"));
    assertThat(report.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code().id()).isEqualTo("kubernetes-version");
      assertThat(d.message()).contains("1.12").contains(String.join(", ", KubernetesSchemas.versions()));
    });
  }

  @Test
  void aFieldOnlyANewerVersionHasIsNamedWithTheVersionThatHasIt() {
    // hostnameOverride came to PodSpec after 1.33; the model has no typed field for it yet.
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("postgres:16.4").endContainer().endSpec()
        .endTemplate()
        .endSpec()
        .build();
    set.getSpec().getTemplate().getSpec().setAdditionalProperty("hostnameOverride", "db-main");
    ObjectSet objects = new ObjectSet(List.of(new OutputObject("db/base/statefulset.yaml", set)), VerifyContext.of(KubernetesSchemas.latest()));

    assertThat(OutputSchemaCheck.check(objects, KubernetesSchemas.latest())).isEmpty();
    List<SchemaViolation> old = OutputSchemaCheck.check(objects, KubernetesSchemas.versions().get(0));
    assertThat(old).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/spec/template/spec/hostnameOverride");
      assertThat(v.message()).isEqualTo("unknown field \"hostnameOverride\"");
      assertThat(v.newerVersion()).isEqualTo(KubernetesSchemas.latest());
    });
  }

  @Test
  void aViolationNoVersionAcceptsIsOurs() {
    StatefulSet set = new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata().withNewSpec().endSpec().build();
    set.getSpec().setAdditionalProperty("replcas", 3);
    List<SchemaViolation> violations = OutputSchemaCheck.check(
        new ObjectSet(List.of(new OutputObject("db/base/statefulset.yaml", set)), VerifyContext.of(KubernetesSchemas.latest())), KubernetesSchemas.versions().get(0));
    assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.newerVersion()).isNull());
    assertThat(violations).extracting(SchemaViolation::message)
        .contains("unknown field \"replcas\"", "missing required field \"selector\"");
  }
}
