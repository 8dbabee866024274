package dev.stateforge.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Code;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.ParameterPath;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Subject;
import dev.stateforge.diag.YamlPath;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic as JSON and back, so that an up-to-date build reports exactly what the build that
 * wrote the output reported (its warnings and notes). Reading throws on anything it did not write;
 * the caller then ignores the whole state.
 */
final class DiagnosticCodec {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DiagnosticCodec() {}

  static ObjectNode write(Diagnostic d) {
    ObjectNode out = JSON.objectNode();
    out.put("severity", d.severity().name());
    out.put("code", d.code().id());
    out.put("family", d.code().family().name());
    out.put("file", d.location().file());
    out.put("line", d.location().line());
    ObjectNode path = out.putObject("path");
    if (d.path() instanceof SpecPath spec) {
      ArrayNode elements = path.putArray("spec");
      for (Object e : spec.elements()) {
        if (e instanceof Integer i) {
          elements.add(i);
        } else {
          elements.add((String) e);
        }
      }
    } else if (d.path() instanceof ParameterPath parameter) {
      path.put("parameter", parameter.name());
    } else if (d.path() instanceof YamlPath yaml) {
      path.put("yaml", yaml.pointer());
    }
    out.put("app", d.subject().app());
    out.put("environment", d.subject().environment());
    out.put("object", d.subject().object());
    out.put("message", d.message());
    if (d.hint() != null) {
      out.put("hint", d.hint());
    }
    return out;
  }

  static Diagnostic read(JsonNode in) {
    Code code = new Code(text(in, "code"), Code.Family.valueOf(text(in, "family")));
    JsonNode line = in.get("line");
    if (line == null || !line.isInt()) {
      throw new IllegalArgumentException("line");
    }
    JsonNode hint = in.get("hint");
    return new Diagnostic(Severity.valueOf(text(in, "severity")), code, new Location(text(in, "file"), line.intValue()),
        path(in.get("path")), new Subject(text(in, "app"), text(in, "environment"), text(in, "object")),
        text(in, "message"), hint == null ? null : textOf(hint));
  }

  private static DiagnosticPath path(JsonNode path) {
    if (path == null || !path.isObject()) {
      throw new IllegalArgumentException("path");
    }
    if (path.has("spec")) {
      List<Object> elements = new ArrayList<>();
      for (JsonNode e : path.get("spec")) {
        elements.add(e.isInt() ? (Object) e.intValue() : textOf(e));
      }
      return new SpecPath(elements);
    }
    if (path.has("parameter")) {
      return new ParameterPath(text(path, "parameter"));
    }
    if (path.has("yaml")) {
      return new YamlPath(text(path, "yaml"));
    }
    return DiagnosticPath.NONE;
  }

  static String text(JsonNode in, String field) {
    return textOf(in.get(field));
  }

  static String textOf(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("not a string: " + node);
    }
    return node.textValue();
  }
}
