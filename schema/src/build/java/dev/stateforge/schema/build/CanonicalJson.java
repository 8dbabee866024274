package dev.stateforge.schema.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Writes a JSON tree in one canonical form, so that a regenerated schema is byte-identical and a
 * Kubernetes bump shows up as a reviewable diff.
 *
 * <p>Schema keywords come in a fixed, readable order ({@code type} before {@code properties} before
 * {@code definitions}); names under {@code properties} and {@code definitions}, and any key the order
 * does not know, are sorted. Two-space indent, {@code \n} line ends whatever the platform, UTF-8, a
 * trailing newline. An array of scalars, and an object holding only scalars and such arrays (a leaf
 * schema such as {@code {"type": "string"}}), stay on one line: a changed field is a one-line diff.
 */
final class CanonicalJson {
  private static final List<String> KEYWORD_ORDER = List.of(
      "$schema", "$id", "$comment", "title", "description",
      "type", "const", "enum", "format", "contentEncoding", "pattern", "minLength", "minimum", "maximum",
      "items", "properties", "required", "additionalProperties", "anyOf", "oneOf", "allOf", "not",
      "definitions");
  /** Keywords whose value maps names to schemas: their keys are names, not keywords. */
  private static final Set<String> NAME_MAPS = Set.of("properties", "definitions", "patternProperties");

  private static final Comparator<String> KEYWORDS = Comparator
      .comparingInt((String key) -> {
        int index = KEYWORD_ORDER.indexOf(key);
        return index < 0 ? KEYWORD_ORDER.size() : index;
      })
      .thenComparing(Comparator.naturalOrder());

  private CanonicalJson() {}

  static byte[] bytes(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, 0, false, out);
    return out.append('\n').toString().getBytes(UTF_8);
  }

  private static void write(JsonNode node, int depth, boolean nameMap, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(nameMap ? Comparator.naturalOrder() : KEYWORDS);
      if (flat(node)) {
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
          quote(keys.get(i), out);
          out.append(": ");
          write(node.get(keys.get(i)), depth, false, out);
          out.append(i + 1 < keys.size() ? ", " : "");
        }
        out.append('}');
        return;
      }
      out.append("{\n");
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        indent(depth + 1, out);
        quote(key, out);
        out.append(": ");
        write(node.get(key), depth + 1, !nameMap && NAME_MAPS.contains(key), out);
        out.append(i + 1 < keys.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append('}');
    } else if (node.isArray()) {
      if (flat(node)) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          write(node.get(i), depth, false, out);
          out.append(i + 1 < node.size() ? ", " : "");
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        write(node.get(i), depth + 1, false, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out);
      out.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), out);
    } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
      out.append(node.asText());
    } else {
      // Floating-point text depends on the JDK's formatting; the schemas never need it.
      throw new IllegalArgumentException("no canonical form for " + node.getNodeType() + " " + node);
    }
  }

  /** An array of scalars, or an object whose values are scalars or such arrays. */
  private static boolean flat(JsonNode node) {
    for (JsonNode child : node) {
      boolean scalars = child.isValueNode()
          || (node.isObject() && child.isArray() && flat(child));
      if (!scalars) {
        return false;
      }
    }
    return true;
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }
}
