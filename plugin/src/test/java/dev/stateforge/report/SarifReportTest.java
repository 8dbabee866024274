package dev.stateforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  static final List<Diagnostic> FINDINGS = List.of(
      Diagnostic.warning(Codes.SINGLE_REPLICA, Location.of("src/main/stateforge/b.conf", 2), SpecPath.of("replicas"), "one replica")
          .withHint("run more"),
      Diagnostic.error(Codes.QUANTITY_FORMAT, Location.of("src/main/stateforge/a.conf", 7), SpecPath.of("storage", "data", "size"), "\"50 Gi\" is not a quantity"),
      Diagnostic.warning(Codes.NO_SPECS, Location.NONE, DiagnosticPath.NONE, "nothing to compile"));

  @Test
  void resultsPointAtTheirRuleAndLine() throws Exception {
    JsonNode sarif = new ObjectMapper().readTree(SarifReport.render(FINDINGS, "1.2.3"));

    assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/tool/driver/version").asText()).isEqualTo("1.2.3");
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results).hasSize(3);
    // Sorted like the build log: by file, then line; findings without a file first.
    assertThat(results.get(0).at("/ruleId").asText()).isEqualTo("no-specs");
    assertThat(results.get(0).has("locations")).isFalse();
    JsonNode quantity = results.get(1);
    assertThat(quantity.at("/level").asText()).isEqualTo("error");
    assertThat(quantity.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/main/stateforge/a.conf");
    assertThat(quantity.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
    assertThat(quantity.at("/message/text").asText()).isEqualTo("storage.data.size: \"50 Gi\" is not a quantity");
    for (JsonNode result : results) {
      int index = result.at("/ruleIndex").asInt();
      assertThat(sarif.at("/runs/0/tool/driver/rules/" + index + "/id").asText()).isEqualTo(result.at("/ruleId").asText());
    }
    JsonNode policyRule = sarif.at("/runs/0/tool/driver/rules/" + results.get(2).at("/ruleIndex").asInt());
    assertThat(policyRule.at("/helpUri").asText()).endsWith("rules/single-replica.html");
    assertThat(policyRule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
    // Any other code has a page of its own among the diagnostics.
    JsonNode otherCode = sarif.at("/runs/0/tool/driver/rules/" + quantity.at("/ruleIndex").asInt());
    assertThat(otherCode.at("/helpUri").asText()).isEqualTo(SarifReport.DOCS + "diagnostics/quantity-format.html");
  }

  @Test
  void isDeterministic() {
    assertThat(SarifReport.render(FINDINGS, "1")).isEqualTo(SarifReport.render(reversed(), "1"));
  }

  private static List<Diagnostic> reversed() {
    List<Diagnostic> copy = new java.util.ArrayList<>(FINDINGS);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
