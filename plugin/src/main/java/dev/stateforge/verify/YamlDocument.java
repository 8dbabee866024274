package dev.stateforge.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One document of a YAML file, with the line of every value, so that a finding deep inside an object
 * can name its line. Duplicate keys are reported, as {@code kubectl apply} would reject them.
 */
public record YamlDocument(String file, int index, JsonNode tree, Map<String, Integer> lines) {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The line of the value at a JSON pointer, or of its nearest ancestor that has one. */
  public int lineOf(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
    }
  }

  public Location location(String pointer) {
    return Location.of(file, lineOf(pointer));
  }

  /**
   * Every non-empty document of a YAML text. Problems go to {@code report}; a syntax error ends the
   * file, a duplicate key does not (the later value wins, as in kubectl), so other findings still show.
   */
  public static List<YamlDocument> parse(String file, byte[] content, Consumer<Diagnostic> report) {
    List<YamlDocument> documents = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(content)) {
      JsonToken token;
      int index = 0;
      while ((token = parser.nextToken()) != null) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree = read(parser, token, "", lines, file, problems);
        if (!tree.isNull()) {
          documents.add(new YamlDocument(file, index, tree, Map.copyOf(lines)));
        }
        index++;
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage().lines().findFirst().orElse("malformed YAML");
      problems.add(Diagnostic.error("yaml-syntax", Location.of(file, at == null ? 0 : at.getLineNr()), "", message));
    } catch (IOException e) {
      problems.add(Diagnostic.error("yaml-syntax", Location.of(file, 0), "", "cannot read: " + e.getMessage()));
    }
    problems.forEach(report);
    boolean broken = problems.stream().anyMatch(p -> p.code().equals("yaml-syntax"));
    return broken ? List.of() : documents;
  }

  private static JsonNode read(
      JsonParser parser, JsonToken token, String pointer, Map<String, Integer> lines, String file, List<Diagnostic> problems)
      throws IOException {
    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
          int line = parser.currentTokenLocation().getLineNr();
          if (object.has(name)) {
            problems.add(Diagnostic.error("duplicate-key", Location.of(file, line), dotted(child),
                "key \"" + name + "\" appears twice in one object (first at line " + lines.get(child) + ")"));
          }
          lines.putIfAbsent(child, line);
          object.set(name, read(parser, parser.nextToken(), child, lines, file, problems));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(read(parser, next, pointer + "/" + i++, lines, file, problems));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.INT ? NODES.numberNode(parser.getIntValue())
            : parser.getNumberType() == JsonParser.NumberType.LONG ? NODES.numberNode(parser.getLongValue())
            : NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      default:
        return NODES.nullNode();
    }
  }

  /** {@code /spec/template/spec/containers/0/image} as {@code spec.template.spec.containers[0].image}. */
  public static String dotted(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) {
        out.append('[').append(key).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(key);
      }
    }
    return out.toString();
  }
}
