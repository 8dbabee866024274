package dev.stateforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark's input honest: every kind of synthetic spec, at every replica count, compiles
 * without an error. This is not the benchmark; nothing here is timed.
 */
class SyntheticProjectTest {

  @Test
  void everySyntheticSpecCompiles(@TempDir Path project) throws Exception {
    List<String> names = SyntheticProject.write(project, 20); // 4 kinds x 5 replica counts

    CompileReport report = new Compiler().compile(new CompileRequest(
        project, project.resolve(SyntheticProject.SPEC_DIRECTORY), project.resolve("out"), Map.of()));

    assertThat(report.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(report.apps()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(report.renderedTree()).isPresent();
    assertThat(report.tree().files()).containsKeys(
        names.stream().map(n -> n + "/base/kustomization.yaml").toArray(String[]::new));
  }
}
