package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.TestTrees;
import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validate goal's corpus: every folder under {@code validate/} holds YAML in {@code input/} and,
 * in {@code expected.diagnostics}, every finding exactly as printed.
 */
class ValidateCasesTest {
  static final Path CASES = TestTrees.sourceResources().resolve("validate");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryFindingAtItsLine(String name) throws IOException {
    Path caseDir = CASES.resolve(name);
    ManifestValidator.Result result = new ManifestValidator(caseDir).validate(caseDir.resolve("input"));

    String actual = result.diagnostics().stream().map(d -> d.format() + "\n").collect(Collectors.joining());
    Path expected = caseDir.resolve("expected.diagnostics");
    if (TestTrees.UPDATE_GOLDENS) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    assertThat(result.files()).isPositive();
    if (name.equals("hostile")) {
      // Findings about secrets say where and what shape, never the value.
      assertThat(actual).contains("[env-secret-literal]", "[secret-in-git]")
          .doesNotContain("hunter2", "aHVudGVy", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI");
    }
    if (name.equals("clean-repo")) {
      // The generated tree beside the hand-written file is skipped: only the ConfigMap is checked.
      assertThat(result.diagnostics()).noneMatch(Diagnostic::isError);
      assertThat(result.files()).isEqualTo(1);
      assertThat(result.objects()).isEqualTo(1);
    }
    if (name.equals("copied-header")) {
      // Listed with its hash: skipped. Edited after it was written, or a header copied by hand: checked.
      assertThat(result.files()).isEqualTo(2);
      assertThat(actual).doesNotContain("generated.yaml").contains("edited-by-hand.yaml:", "copied-header.yaml:");
    }
  }

  /** A folder inside a generated tree is skipped by the marker at the tree's top. */
  @Test
  void aMarkerAboveTheValidatedFolderCounts() throws IOException {
    Path caseDir = CASES.resolve("clean-repo");
    ManifestValidator.Result result = new ManifestValidator(caseDir).validate(caseDir.resolve("input/generated/orders-db"));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files()).isZero();
  }
}
