package dev.stateforge.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variables' values reach the build state only as HMACs under a key kept beside it, never as plain digests. */
class StateKeyTest {
  static final String PASSWORD = "hunter2";
  static final Map<String, String> VARIABLES = Map.of("IMAGE", "postgres:16.4", "GREETING", PASSWORD);

  @TempDir Path project;
  Path state;
  Path key;

  @BeforeEach
  void setUp() throws IOException {
    Path specs = Files.createDirectories(project.resolve("src/main/stateforge"));
    Files.writeString(specs.resolve("a.conf"), """
        name = app-a
        image = ${IMAGE}
        resources { cpu = 500m, memory = 1Gi }
        storage { data { mountPath = /data, size = 10Gi } }
        env { GREETING { value = ${GREETING} } }
        """);
    state = project.resolve("target/stateforge-build-default.state");
    key = project.resolve("target/stateforge-state.key");
  }

  CompileReport build() throws IOException {
    return new Compiler().withState(state).build(new CompileRequest(project, project.resolve("src/main/stateforge"),
        project.resolve("deploy"), VARIABLES, false, null));
  }

  static boolean fullBuild(CompileReport report) {
    return report.renderedTree().isPresent();
  }

  @Test
  void theStateHoldsNoValueNorItsDigestAndTheKeyIsTheOwnersOnly() throws IOException {
    CompileReport first = build();
    assertThat(first.diagnostics()).noneMatch(d -> d.severity() == dev.stateforge.diag.Severity.ERROR);
    assertThat(fullBuild(first)).isTrue();
    assertThat(fullBuild(build())).isFalse();

    String text = Files.readString(state, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(PASSWORD)
        .doesNotContain(OutputMarker.sha256(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    assertThat(key).hasSize(StateKey.BYTES);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }

  @Test
  void withoutItsKeyTheStateNoLongerMatchesAndTheBuildRunsInFull() throws IOException {
    build();
    byte[] first = Files.readAllBytes(key);
    Files.delete(key);
    assertThat(fullBuild(build())).isTrue(); // the same values, another key: the recorded settings cannot be confirmed
    assertThat(Files.readAllBytes(key)).hasSize(StateKey.BYTES).isNotEqualTo(first);
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void aDamagedOrLinkedKeyIsReplacedAndWhatItPointedAtIsLeftAlone() throws IOException {
    build();
    Files.write(key, new byte[] {1, 2, 3});
    assertThat(fullBuild(build())).isTrue();
    assertThat(key).hasSize(StateKey.BYTES);

    Path elsewhere = Files.write(project.resolve("precious"), new byte[StateKey.BYTES]);
    Files.delete(key);
    Files.createSymbolicLink(key, elsewhere);
    assertThat(fullBuild(build())).isTrue();
    assertThat(Files.isSymbolicLink(key)).isFalse();
    assertThat(Files.readAllBytes(elsewhere)).isEqualTo(new byte[StateKey.BYTES]);
  }

  @Test
  void oneKeyGivesOneMacPerValueAndAnotherKeyAnother() throws IOException {
    StateKey one = StateKey.in(project.resolve("one.key"));
    StateKey again = StateKey.in(project.resolve("one.key"));
    StateKey other = StateKey.in(project.resolve("other.key"));
    assertThat(one.mac(PASSWORD)).isEqualTo(again.mac(PASSWORD)).hasSize(64).isNotEqualTo(other.mac(PASSWORD));
    assertThat(one.mac(PASSWORD)).isNotEqualTo(one.mac(PASSWORD + " "));
  }
}
