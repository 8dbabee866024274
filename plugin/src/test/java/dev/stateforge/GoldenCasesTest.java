package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden output: every folder under {@code cases/} holds {@code input/} specs, the exact
 * {@code expected/} tree they compile to, and the warnings and notes they print in {@code
 * expected.diagnostics}. Bytes are compared, with no placeholders.
 */
class GoldenCasesTest {
  static final Path CASES = TestTrees.sourceResources().resolve("cases");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static CompileReport compile(Path caseDir) throws IOException {
    return new Compiler().compile(CaseRequest.of(caseDir, caseDir.resolve("unused")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesToTheExpectedTree(String name) throws IOException {
    Path caseDir = CASES.resolve(name);
    CompileReport report = compile(caseDir);

    assertThat(report.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
    SortedMap<String, byte[]> actual = report.tree().files();
    Path expectedDir = caseDir.resolve("expected");
    // Warnings and notes (policy findings, acknowledgements) are part of the golden output too.
    String diagnostics = report.diagnostics().stream().map(d -> d.format() + "\n").collect(Collectors.joining());
    Path expectedDiagnostics = caseDir.resolve("expected.diagnostics");
    if (TestTrees.UPDATE_GOLDENS) {
      TestTrees.deleteRecursively(expectedDir);
      TestTrees.write(expectedDir, actual);
      Files.writeString(expectedDiagnostics, diagnostics, StandardCharsets.UTF_8);
    }
    assertThat(diagnostics).as("diagnostics of %s", name).isEqualTo(Files.readString(expectedDiagnostics, StandardCharsets.UTF_8));
    SortedMap<String, byte[]> expected = TestTrees.read(expectedDir);
    assertThat(actual.keySet()).as("files of %s", name).containsExactlyElementsOf(expected.keySet());
    for (String file : expected.keySet()) {
      assertThat(new String(actual.get(file), StandardCharsets.UTF_8))
          .as("%s/%s", name, file)
          .isEqualTo(new String(expected.get(file), StandardCharsets.UTF_8));
      assertThat(actual.get(file)).as("bytes of %s/%s", name, file).isEqualTo(expected.get(file));
    }
  }
}
