package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy rules over each environment: what only an environment brings is reported, at its line, once per environment. */
class EnvironmentPolicyTest {
  @TempDir Path project;

  static final String SPEC = """
      name = shop
      image = "postgres:16.4"
      replicas = 3
      resources { cpu = 500m, memory = 1Gi }
      probes { readiness { tcp.port = 5432 } }
      storage { data { mountPath = /data, size = 10Gi } }
      environments {
        dev { replicas = 1 }
        qa { replicas = 1 }
        prod { replicas = 5 }
      }
      """;

  List<Diagnostic> compile() throws IOException {
    Path specs = Files.createDirectories(project.resolve("specs"));
    Files.writeString(specs.resolve("shop.conf"), SPEC);
    return new Compiler().compile(new CompileRequest(project, specs, project.resolve("out"), Map.of())).diagnostics();
  }

  @Test
  void aFindingOfTheBaseIsNotRepeatedForEachEnvironment() throws IOException {
    // No liveness probe: the base and every environment have the same finding.
    assertThat(compile()).filteredOn(d -> d.code().id().equals("probes-liveness")).singleElement()
        .satisfies(d -> assertThat(d.text()).startsWith("shop: "));
  }

  @Test
  void aFindingOnlyEnvironmentsHaveIsReportedForEachOfThemAtItsOverride() throws IOException {
    assertThat(compile()).filteredOn(d -> d.code().id().equals("single-replica"))
        .extracting(d -> d.location().line() + " " + d.path().toString() + " " + d.text().substring(0, d.text().indexOf(':')))
        .containsExactly("8 environments.dev.replicas shop in dev", "9 environments.qa.replicas shop in qa");
  }
}
