package dev.stateforge.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.verify.PolicyRule;
import dev.stateforge.verify.PolicyRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings of a run as SARIF 2.1.0, which code-scanning UIs (GitHub, GitLab, IDEs) show inline
 * at the spec line. Deterministic: no timestamps, sorted results, LF.
 */
public final class SarifReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String DOCS = "https://stateforge.dev/";

  private SarifReport() {}

  public static byte[] render(List<Diagnostic> diagnostics, String toolVersion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Stateforge");
    driver.put("informationUri", DOCS);
    driver.put("version", toolVersion);

    // Every policy rule, plus each other code that occurs, so results can refer to rules by index.
    Map<String, Severity> rules = new TreeMap<>();
    Map<String, String> titles = new TreeMap<>();
    for (PolicyRule rule : PolicyRules.all()) {
      rules.put(rule.id(), rule.severity());
      titles.put(rule.id(), rule.title());
    }
    for (Diagnostic d : diagnostics) {
      rules.putIfAbsent(d.code().id(), d.severity());
    }
    List<String> ids = List.copyOf(rules.keySet());
    ArrayNode ruleNodes = driver.putArray("rules");
    for (String id : ids) {
      ObjectNode rule = ruleNodes.addObject();
      rule.put("id", id);
      rule.putObject("shortDescription").put("text", titles.getOrDefault(id, id));
      rule.put("helpUri", titles.containsKey(id) ? DOCS + "rules/" + id + ".html" : DOCS + "diagnostics/" + id + ".html");
      rule.putObject("defaultConfiguration").put("level", level(rules.get(id)));
    }

    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics.stream().sorted().toList()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code().id());
      result.put("ruleIndex", ids.indexOf(d.code().id()));
      result.put("level", level(d.severity()));
      String text = (d.path().isEmpty() ? "" : d.path() + ": ") + d.text()
          + (d.hint() == null ? "" : " (" + d.hint() + ")");
      result.putObject("message").put("text", text);
      if (!d.location().file().isEmpty()) {
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", d.location().file());
        if (d.location().line() > 0) {
          physical.putObject("region").put("startLine", d.location().line());
        }
      }
    }
    try {
      return (JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new StateforgeBug("cannot write the SARIF report", e);
    }
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }
}
