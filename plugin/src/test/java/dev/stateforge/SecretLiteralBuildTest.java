package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.report.SarifReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret-looking literals in a spec: found in env, args and engine commands, never printed, and never
 * written unless acknowledged and listed, path by path, in writeSecretsToGitInPlainText.
 */
class SecretLiteralBuildTest {
  static final String SECRET = "hunter2-in-git";

  static final String SPEC = """
      name = orders-db
      image = "postgres:16.4"
      replicas = 2
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /var/lib/postgresql/data, size = 10Gi } }
      args = ["-c", "max_connections=200"]
      env {
        DB_PASS { value = "%1$s" }
        DATABASE_URL { value = "postgres://app:%1$s@orders-db:5432/orders" }
        PGDATA { value = /var/lib/postgresql/data/pgdata }
        POSTGRES_PASSWORD { secret { name = orders-db-auth, key = password } }
      }
      engine {
        name = postgres
        dump { command = "PGPASSWORD=%1$s pg_dump --host \\"$BACKUP_HOST\\" --format custom --file \\"$DUMP_FILE\\" postgres" }
      }
      backup { schedule = "0 2 * * *", target.volume { size = 20Gi } }
      """.formatted(SECRET);

  @TempDir Path project;
  Path specs;
  Path out;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(project.resolve("src/main/stateforge"));
    out = project.resolve("target/stateforge");
  }

  CompileReport build(String extra) throws IOException {
    Files.writeString(specs.resolve("orders-db.conf"), SPEC + extra);
    return new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
  }

  static String printed(CompileReport report) {
    return report.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
  }

  static Map<String, Severity> secretFindings(CompileReport report) {
    return report.diagnostics().stream().filter(d -> d.code().id().equals("env-secret-literal"))
        .collect(Collectors.toMap(d -> d.path().toString(), Diagnostic::severity, (a, b) -> a.compareTo(b) > 0 ? a : b));
  }

  @Test
  void findsEveryLiteralAndNeverPrintsOrWritesIt() throws IOException {
    CompileReport report = build("");

    assertThat(secretFindings(report)).containsOnly(
        Map.entry("env.DB_PASS", Severity.ERROR), Map.entry("env.DATABASE_URL", Severity.ERROR),
        Map.entry("engine.dump.command", Severity.ERROR));
    assertThat(printed(report)).contains("sets DATABASE_URL to a URL with a password").doesNotContain(SECRET);
    assertThat(new String(SarifReport.render(report.diagnostics(), "test"), StandardCharsets.UTF_8)).doesNotContain(SECRET);
    assertThat(out).doesNotExist();
  }

  @Test
  void anAcknowledgementAloneStillFails() throws IOException {
    CompileReport report = build("acknowledge { env-secret-literal = \"a throwaway password for the CI cluster\" }\n");

    assertThat(secretFindings(report).values()).containsOnly(Severity.ERROR);
    assertThat(printed(report)).contains("it is acknowledged, but an acknowledgement alone never writes a secret into Git")
        .contains("also list \"env.DB_PASS\" in writeSecretsToGitInPlainText").doesNotContain(SECRET);
    assertThat(out).doesNotExist();
  }

  @Test
  void onlyTheListedPathsAreAccepted() throws IOException {
    CompileReport report = build("acknowledge { env-secret-literal = \"a throwaway password for the CI cluster\" }\n"
        + "writeSecretsToGitInPlainText = [\"env.DB_PASS\"]\n");

    assertThat(secretFindings(report)).containsOnly(
        Map.entry("env.DB_PASS", Severity.NOTE), Map.entry("env.DATABASE_URL", Severity.ERROR),
        Map.entry("engine.dump.command", Severity.ERROR));
    assertThat(out).doesNotExist();
  }

  @Test
  void aListedAndAcknowledgedLiteralIsWrittenAsAsked() throws IOException {
    CompileReport report = build("acknowledge { env-secret-literal = \"a throwaway password for the CI cluster\" }\n"
        + "writeSecretsToGitInPlainText = [\"env.DB_PASS\", \"env.DATABASE_URL\", \"engine.dump.command\"]\n");

    assertThat(report.hasErrors()).as(printed(report)).isFalse();
    assertThat(secretFindings(report).values()).containsOnly(Severity.NOTE);
    assertThat(printed(report)).doesNotContain(SECRET).as("every listed path is used").doesNotContain("acknowledgement-unused");
    assertThat(Files.readString(out.resolve("orders-db/base/statefulset.yaml"))).contains("value: " + SECRET);
  }

  /** A listed path that holds no secret-looking literal would let the next one there through unseen. */
  @Test
  void aListedPathThatNeedsNothingIsReported() throws IOException {
    CompileReport report = build("acknowledge { env-secret-literal = \"a throwaway password for the CI cluster\" }\n"
        + "writeSecretsToGitInPlainText = [\"env.DB_PASS\", \"env.DATABASE_URL\", \"engine.dump.command\", \"env.NOT_A_SECRET\"]\n");

    assertThat(report.diagnostics()).filteredOn(d -> d.code().id().equals("acknowledgement-unused")).singleElement()
        .satisfies(d -> {
          assertThat(d.path()).hasToString("writeSecretsToGitInPlainText[3]");
          assertThat(d.severity()).isEqualTo(Severity.WARNING);
          assertThat(d.message()).isEqualTo("nothing to write: orders-db has no secret-looking literal at env.NOT_A_SECRET");
        });
  }

  @Test
  void aListedPathWithoutAnAcknowledgementStillFails() throws IOException {
    CompileReport report = build("writeSecretsToGitInPlainText = [\"env.DB_PASS\"]\n");

    assertThat(secretFindings(report)).containsEntry("env.DB_PASS", Severity.ERROR);
    assertThat(out).doesNotExist();
  }

  /** A throwaway password for one environment only: accepted there, by that environment's own keys. */
  @Test
  void anEnvironmentAcceptsItsOwnLiteralOnly() throws IOException {
    String base = """
        name = ci-db
        image = "postgres:16.4"
        resources { cpu = 500m, memory = 1Gi }
        storage { data { mountPath = /var/lib/postgresql/data, size = 10Gi } }
        env { POSTGRES_PASSWORD { secret { name = ci-db-auth, key = password } } }
        acknowledge { single-replica = "a database for tests, one replica is enough" }
        """;
    String ci = "environments.ci { env.DB_PASS.value = \"%s\" %s }\n";
    Files.writeString(specs.resolve("ci-db.conf"), base + ci.formatted(SECRET, ""));
    CompileReport refused = new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
    assertThat(secretFindings(refused)).containsOnly(Map.entry("environments.ci.env.DB_PASS", Severity.ERROR));
    assertThat(printed(refused)).doesNotContain(SECRET);

    Files.writeString(specs.resolve("ci-db.conf"), base + ci.formatted(SECRET,
        ", acknowledge.env-secret-literal = \"the kind cluster of CI, torn down after each run\""
            + ", writeSecretsToGitInPlainText = [\"env.DB_PASS\"]"));
    CompileReport accepted = new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
    assertThat(accepted.hasErrors()).as(printed(accepted)).isFalse();
    assertThat(secretFindings(accepted).values()).containsOnly(Severity.NOTE);
    assertThat(Files.readString(out.resolve("ci-db/base/statefulset.yaml"))).doesNotContain(SECRET);
  }
}
