package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    CompileReport report = new Compiler().build(new CompileRequest(caseDir, caseDir.resolve("input"), out, Map.of()));
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

    // The top-level build holds every generated object once.
    long generated = report.tree().files().keySet().stream().filter(f -> !f.endsWith("kustomization.yaml")).count();
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
