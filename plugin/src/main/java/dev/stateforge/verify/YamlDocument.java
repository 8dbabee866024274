package dev.stateforge.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.YamlPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One document of a YAML file, with the line of every value, so that a finding deep inside an object
 * can name its line. Duplicate keys are reported, as {@code kubectl apply} would reject them.
 */
public record YamlDocument(String file, int index, JsonNode tree, Map<String, Integer> lines) {
  /**
   * The largest file read. Kubernetes stores an object in etcd, whose requests are limited to 1.5 MiB;
   * a file of many objects may be larger, but 8 MiB is far beyond any repository's manifests.
   */
  static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

  /**
   * The longest line read: a ConfigMap or Secret holds at most 1 MiB, so no applicable scalar is
   * longer. Checked before parsing, because SnakeYAML copies its buffer for each chunk of a token,
   * which makes one long line quadratic (10 MB took 26 s).
   */
  static final int MAX_LINE_CHARS = 1024 * 1024;

  private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal DOUBLE_MAX = BigDecimal.valueOf(Double.MAX_VALUE);

  private static final YAMLFactory YAML = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LINE_CHARS).build())
      .build();
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
    Diagnostic tooLarge = tooLarge(file, content);
    if (tooLarge != null) {
      report.accept(tooLarge);
      return List.of();
    }
    try (JsonParser parser = YAML.createParser(content)) {
      JsonToken token;
      int index = 0;
      while ((token = parser.nextToken()) != null) {
        Map<String, Integer> lines = new HashMap<>();
        int before = problems.size();
        JsonNode tree = read(parser, token, "", lines, file, problems);
        boolean unreadable = problems.subList(before, problems.size()).stream().anyMatch(p -> p.code() == Codes.NUMBER_OUT_OF_RANGE);
        if (!tree.isNull() && !unreadable) {
          documents.add(new YamlDocument(file, index, tree, Map.copyOf(lines)));
        }
        index++;
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = ManifestValidator.shown(e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"));
      problems.add(Diagnostic.error(Codes.YAML_SYNTAX, Location.of(file, at == null ? 0 : at.getLineNr()), DiagnosticPath.NONE, message));
    } catch (IOException e) {
      problems.add(Diagnostic.error(Codes.YAML_SYNTAX, Location.of(file, 0), DiagnosticPath.NONE, "cannot read: " + ManifestValidator.shown(String.valueOf(e.getMessage()))));
    }
    problems.forEach(report);
    boolean broken = problems.stream().anyMatch(p -> p.code() == Codes.YAML_SYNTAX);
    return broken ? List.of() : documents;
  }

  /** SnakeYAML refuses a document beyond its code point limit (3 MiB by default): let it read what tooLarge() allows. */
  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_FILE_BYTES);
    return options;
  }

  /** The finding for a file over {@link #MAX_FILE_BYTES}, which the caller need not read at all. */
  static Diagnostic fileTooLarge(String file, long bytes) {
    return Diagnostic.error(Codes.YAML_TOO_LARGE, Location.of(file, 0), DiagnosticPath.NONE,
        "the file has " + bytes + " bytes; Stateforge reads YAML files of at most " + MAX_FILE_BYTES + " bytes");
  }

  /** A file too large, or with a line too long, to read in reasonable time; null when it can be read. */
  private static Diagnostic tooLarge(String file, byte[] content) {
    if (content.length > MAX_FILE_BYTES) {
      return fileTooLarge(file, content.length);
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i - start > MAX_LINE_CHARS) { // bytes, at least as many as characters
          return Diagnostic.error(Codes.YAML_TOO_LARGE, Location.of(file, line), DiagnosticPath.NONE,
              "line " + line + " has " + (i - start) + " bytes; Stateforge reads lines of at most " + MAX_LINE_CHARS
                  + " (a ConfigMap or Secret holds at most 1 MiB)");
        }
        line++;
        start = i + 1;
      }
    }
    return null;
  }

  /**
   * A number as a node, or a problem when no Kubernetes field can hold it: integers are int32 or
   * int64 and the few decimal fields are doubles, so anything beyond int64 or a double is refused
   * here, before the schema check or model binding could misread it (1e400 became an internal error).
   */
  private static JsonNode number(JsonParser parser, String pointer, String file, List<Diagnostic> problems) throws IOException {
    BigDecimal value;
    try {
      value = parser.getDecimalValue();
    } catch (NumberFormatException e) {
      value = null; // .inf, .nan
    }
    boolean integral = value != null && (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0);
    boolean fits = value != null && (integral
        ? value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0
        : value.abs().compareTo(DOUBLE_MAX) <= 0);
    if (!fits) {
      String text = parser.getText();
      problems.add(Diagnostic.error(Codes.NUMBER_OUT_OF_RANGE, Location.of(file, parser.currentTokenLocation().getLineNr()), new YamlPath(pointer),
          (text.length() > 24 ? text.substring(0, 24) + "…" : text)
              + " is out of range: Kubernetes numbers are 64-bit integers (at most 9223372036854775807) or finite decimals"));
      return NODES.nullNode();
    }
    return parser.currentToken() == JsonToken.VALUE_NUMBER_INT ? NODES.numberNode(parser.getLongValue()) : NODES.numberNode(value);
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
            problems.add(Diagnostic.error(Codes.DUPLICATE_KEY, Location.of(file, line), new YamlPath(child),
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
            : number(parser, pointer, file, problems);
      case VALUE_NUMBER_FLOAT:
        return number(parser, pointer, file, problems);
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      default:
        return NODES.nullNode();
    }
  }
}
