package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl kustomize} (kustomize v5) must build every kustomization the compiler writes, with
 * no warning, and emit exactly the objects the compiler generated. A missing kubectl fails the test.
 */
class KustomizeBuildTest {

  static Stream<String> cases() throws IOException {
    return GoldenCasesTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyKustomizationBuilds(String name, @TempDir Path out) throws Exception {
    Path caseDir = GoldenCasesTest.CASES.resolve(name);
    CompileReport report = new Compiler().build(CaseRequest.of(caseDir, out));
    assertThat(report.hasErrors()).isFalse();

    List<Path> kustomizations;
    try (Stream<Path> walk = Files.walk(out)) {
      kustomizations = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
    }
    assertThat(kustomizations).isNotEmpty();
    for (Path kustomization : kustomizations) {
      Path dir = kustomization.getParent();
      Result result = kustomize(dir);
      assertThat(result.exitCode()).as("kubectl kustomize %s failed:\n%s", out.relativize(dir), result.stderr()).isZero();
      assertThat(result.stderr()).as("kustomize warnings for %s", out.relativize(dir)).isBlank();
    }

    // Each component also builds on top of its app's base, restore included (no overlay includes it).
    try (Stream<Path> components = Files.walk(out)) {
      for (Path component : components.filter(p -> p.getParent() != null && p.getParent().getFileName() != null
          && p.getParent().getFileName().toString().equals("components") && Files.isDirectory(p)).sorted().toList()) {
        Path app = component.getParent().getParent();
        Path probe = app.resolve("overlays/test-" + component.getFileName());
        Files.createDirectories(probe);
        Files.writeString(probe.resolve("kustomization.yaml"), "resources:\n- ../../base\ncomponents:\n- ../../components/"
            + component.getFileName() + "\n");
        Result result = kustomize(probe);
        assertThat(result.exitCode()).as("base + %s:\n%s", out.relativize(component), result.stderr()).isZero();
        assertThat(result.stdout()).contains("kind: StatefulSet");
      }
    }

    // The top-level build holds every generated object once, except restore, which is applied by
    // hand, objects only an environment's overlay has, and the Argo CD and Flux objects, which are
    // given to those tools, never applied with the app.
    long generated = report.tree().files().keySet().stream()
        .filter(f -> !f.startsWith(".stateforge/") && !f.endsWith("kustomization.yaml") && !f.contains("/components/restore/") && !f.contains("/overlays/")
            && !f.startsWith("argocd/") && !f.startsWith("flux/"))
        .count();
    long built = kustomize(out).stdout().lines().filter(l -> l.startsWith("kind: ")).count();
    assertThat(built).isEqualTo(generated);
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static Result kustomize(Path dir) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
    } catch (IOException e) {
      throw new AssertionError("kubectl (with kustomize v5) must be on PATH for this test: " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
  }
}
