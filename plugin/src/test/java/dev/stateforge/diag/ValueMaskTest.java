package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Codes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueMaskTest {
  @Test
  void hidesValuesUnderEnvAndUnderKeysThatLookSecret() {
    assertThat(ValueMask.quote(SpecPath.of("env", "GREETING", "value"), "hello")).isEqualTo("(value hidden)");
    assertThat(ValueMask.quote(SpecPath.of("environments", "prod", "env", "X"), "hello")).isEqualTo("(value hidden)");
    assertThat(ValueMask.quote(SpecPath.of("engine", "dbPassword"), "hunter2")).isEqualTo("(value hidden)");
    assertThat(ValueMask.quote(SpecPath.of("api_token"), "t")).isEqualTo("(value hidden)");
    assertThat(ValueMask.quote(SpecPath.of("tls", "privateKey"), "k")).isEqualTo("(value hidden)");
    assertThat(ValueMask.quote(SpecPath.of("namespace"), "data")).isEqualTo("\"data\"");
  }

  @Test
  void cutsLongValuesToSixtyCharacters() {
    assertThat(ValueMask.quote(SpecPath.of("namespace"), "a".repeat(1_000_000))).isEqualTo("\"" + "a".repeat(60) + "…\"");
  }

  @Test
  void neverPrintsAnAllowedVariablesValueAndCutsHugeMessages() {
    Diagnostic d = Diagnostic.error(Codes.SPEC_SYNTAX, Location.of("a.conf", 2), SpecPath.of("image"),
            "\"registry/s3cr3t-token:1\" and " + "x".repeat(5000))
        .withHint("did you mean s3cr3t-token?");

    List<Diagnostic> masked = ValueMask.hidingVariables(List.of(d), Map.of("TOKEN", "s3cr3t-token", "N", "1"));

    assertThat(masked).singleElement().satisfies(m -> {
      assertThat(m.message()).startsWith("\"registry/(value hidden):1\" and xxx").hasSize(1001).endsWith("x…");
      assertThat(m.hint()).isEqualTo("did you mean (value hidden)?");
      assertThat(m.location()).isEqualTo(d.location());
    });
  }
}
