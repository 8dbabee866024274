package dev.stateforge.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Renders the spec reference page (site/src/site/markdown/spec-reference.md) from the spec's JSON
 * Schema, the single source of truth for its shape: every property under its full path, with its
 * type, default, example, constraints and description.
 *
 * <ul>
 *   <li>Objects are expanded in place, also when they come from a {@code $ref} (a probe, a volume),
 *       so that every path a spec can hold has a row of its own.
 *   <li>Keys you choose (the maps {@code ports}, {@code env}, {@code storage}, ...) appear as a
 *       placeholder: {@code storage.<volume>.size}.
 *   <li>Definitions that are not objects (quantity, port reference, ...) are value types: they are
 *       linked from the Type column and described once at the end.
 *   <li>A property without an example of its own takes the value at its path from the nearest
 *       ancestor's example ({@code storage}'s example gives {@code storage.<volume>.mountPath} one).
 * </ul>
 *
 * The output depends on nothing but the schema's bytes.
 */
public final class SpecReference {
  /** Where the schema module keeps it, on the classpath. */
  public static final String SCHEMA_RESOURCE = "dev/stateforge/schema/v1/stateforge-spec.schema.json";

  /** The placeholder for a key you choose, by the map's property name; {@code <key>} otherwise. */
  private static final Map<String, String> KEY_PLACEHOLDERS = Map.of(
      "ports", "<port>",
      "env", "<NAME>",
      "storage", "<volume>",
      "storageClasses", "<class>",
      "volumeSnapshotClasses", "<class>",
      "parameters", "<parameter>",
      "nodeSelector", "<label>",
      "labels", "<label>",
      "annotations", "<annotation>");

  private static final Pattern UNQUOTED_HOCON = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final JsonNode schema;
  private final JsonNode definitions;
  private final StringBuilder out = new StringBuilder();

  private SpecReference(JsonNode schema) {
    this.schema = schema;
    this.definitions = schema.path("definitions");
  }

  /** Renders the page from the schema on the classpath (the schema module's). */
  public static String render() {
    try (InputStream in = SpecReference.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath: the site's tests need stateforge-schema");
      }
      return render(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String render(JsonNode schema) {
    return new SpecReference(schema).page();
  }

  private String page() {
    line("title: Spec reference");
    line("");
    line("<!-- Generated from the schema module's " + SCHEMA_RESOURCE.substring(SCHEMA_RESOURCE.lastIndexOf('/') + 1)
        + " by site/src/test/java/dev/stateforge/site/SpecReference.java.");
    line("     Do not edit: change the schema, then run");
    line("       " + SpecReferenceTest.UPDATE_COMMAND + " -->");
    line("");
    line("# Spec reference");
    line("");
    line(text(schema.path("description").asText()));
    line("");
    line("This page is generated from the spec's JSON Schema, `" + SCHEMA_RESOURCE.substring(SCHEMA_RESOURCE.lastIndexOf('/') + 1)
        + "` in the schema module, which your IDE can also use for completion. A spec is HOCON or JSON: a path such as "
        + "`storage.<volume>.size` is written `storage { data { size = 50Gi } }` or `storage.data.size = 50Gi`, where "
        + "`<volume>` is a name you choose. Keys you leave out take the default; a key the schema does not know is an "
        + "error.");
    line("");
    line("Top-level keys: " + joinLinks(schema.path("properties")) + ".");
    line("");
    ObjectNode properties = (ObjectNode) schema.path("properties");
    Set<String> required = names(schema.path("required"));
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> top = it.next();
      line("## " + top.getKey());
      line("");
      JsonNode node = resolve(top.getValue());
      line(text(node.path("description").asText("")));
      line("");
      line("| Property | Type | Default | Example | Description |");
      line("| --- | --- | --- | --- | --- |");
      List<Row> rows = new ArrayList<>();
      collect(top.getKey(), top.getKey(), top.getValue(), required.contains(top.getKey()), null, List.of(), rows);
      // The paragraph above describes the section's own property: its row keeps the rest.
      Row own = rows.get(0);
      rows.set(0, new Row(own.path, own.type, own.defaultValue, own.example,
          description(((ObjectNode) node).deepCopy().without("description"), required.contains(top.getKey()))));
      for (Row row : rows) {
        line("| `" + row.path + "` | " + row.type + " | " + row.defaultValue + " | " + row.example + " | " + row.description + " |");
      }
      line("");
    }
    valueTypes();
    return out.toString();
  }

  private record Row(String path, String type, String defaultValue, String example, String description) {}

  /**
   * Adds the row of {@code raw} at {@code path}, then the rows of everything inside it.
   *
   * @param ancestorExample the nearest ancestor's example, and the keys from it down to here
   */
  private void collect(String name, String path, JsonNode raw, boolean required, JsonNode ancestorExample,
      List<String> keysFromExample, List<Row> rows) {
    JsonNode node = resolve(raw);
    JsonNode example = node.has("examples") ? node.path("examples").path(0) : null;
    JsonNode derived = example == null ? at(ancestorExample, keysFromExample) : null;
    rows.add(new Row(path, type(raw), defaultValue(node), example != null ? value(example) : derived != null ? value(derived) : "",
        description(node, required)));

    JsonNode nextExample = example != null ? example : ancestorExample;
    List<String> nextKeys = example != null ? List.of() : keysFromExample;
    if (node.has("properties")) {
      Set<String> requiredHere = names(node.path("required"));
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> child = it.next();
        collect(child.getKey(), path + "." + child.getKey(), child.getValue(), requiredHere.contains(child.getKey()),
            nextExample, append(nextKeys, child.getKey()), rows);
      }
    }
    if (node.path("additionalProperties").isObject()) {
      // A map: every key is yours. The example's first key that is not a fixed property stands for it.
      String placeholder = placeholder(name);
      String exampleKey = firstFreeKey(at(nextExample, nextKeys), node.path("properties"));
      JsonNode value = node.path("additionalProperties");
      JsonNode keys = node.path("propertyNames");
      List<Row> inner = new ArrayList<>();
      collect(placeholder, path + "." + placeholder, value, false, exampleKey == null ? null : nextExample,
          exampleKey == null ? List.of() : append(nextKeys, exampleKey), inner);
      Row first = inner.get(0);
      String keyRule = keys.isMissingNode() ? "" : describeKey(resolve(keys));
      inner.set(0, new Row(first.path, first.type, first.defaultValue, first.example,
          join(keyRule, first.description)));
      rows.addAll(inner);
    }
    if ("array".equals(node.path("type").asText()) && resolve(node.path("items")).has("properties")) {
      // A list of objects: a row per key of an item, written path[].key; the example is the list example's first item.
      JsonNode items = resolve(node.path("items"));
      JsonNode list = example != null ? example : at(ancestorExample, keysFromExample);
      JsonNode firstItem = list != null && list.isArray() && list.size() > 0 ? list.get(0) : null;
      Set<String> requiredHere = names(items.path("required"));
      for (Iterator<Map.Entry<String, JsonNode>> it = items.path("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> child = it.next();
        collect(child.getKey(), path + "[]." + child.getKey(), child.getValue(), requiredHere.contains(child.getKey()),
            firstItem, List.of(child.getKey()), rows);
      }
    }
  }

  /** How a path writes a key you choose in the map {@code mapName}: {@code storage.<volume>}. */
  static String placeholder(String mapName) {
    return KEY_PLACEHOLDERS.getOrDefault(mapName, "<key>");
  }

  /** The key's own rule, for the row of a map's value: "Key: a volume name (DNS-1123 label)." */
  private String describeKey(JsonNode keys) {
    List<String> parts = new ArrayList<>();
    if (keys.has("description")) {
      parts.add(text(keys.path("description").asText()));
    }
    parts.addAll(constraints(keys));
    return parts.isEmpty() ? "" : "Key: " + String.join(" ", parts);
  }

  private String type(JsonNode raw) {
    if (raw.has("$ref")) {
      String name = refName(raw);
      JsonNode def = definitions.path(name);
      if (!isObject(def)) {
        return "[" + name + "](#" + name + ")";
      }
    }
    JsonNode node = resolve(raw);
    JsonNode type = node.path("type");
    if ("array".equals(type.asText())) {
      JsonNode items = node.path("items");
      return "array of " + (items.has("$ref") ? type(items) : typeNames(resolve(items).path("type")));
    }
    if (type.isMissingNode() && node.has("enum")) {
      return "string";
    }
    return typeNames(type);
  }

  private static String typeNames(JsonNode type) {
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> names.add(t.asText()));
      return String.join(" or ", names);
    }
    return type.asText("any");
  }

  private String defaultValue(JsonNode node) {
    JsonNode value = node.path("default");
    if (value.isMissingNode() || (value.isObject() && value.isEmpty())) {
      return "";
    }
    return value(value);
  }

  private String description(JsonNode node, boolean required) {
    List<String> parts = new ArrayList<>();
    if (required) {
      parts.add("**Required.**");
    }
    if (node.has("description")) {
      parts.add(text(node.path("description").asText()));
    }
    parts.addAll(constraints(node));
    return String.join(" ", parts);
  }

  /** The schema's checks that the description may not spell out, as sentences. */
  private List<String> constraints(JsonNode node) {
    List<String> parts = new ArrayList<>();
    if (node.has("enum")) {
      StringJoiner values = new StringJoiner(", ");
      node.path("enum").forEach(v -> values.add(code(v.asText())));
      parts.add("One of " + values + ".");
    }
    JsonNode items = resolve(node.path("items"));
    if (items.has("enum")) {
      StringJoiner values = new StringJoiner(", ");
      items.path("enum").forEach(v -> values.add(code(v.asText())));
      parts.add("Each one of " + values + ".");
    }
    range(node, "minimum", "maximum", "", parts);
    range(node, "minLength", "maxLength", " characters", parts);
    range(node, "minItems", "maxItems", " items", parts);
    if (node.path("uniqueItems").asBoolean(false)) {
      parts.add("No duplicates.");
    }
    if (node.path("minProperties").asInt(0) == 1 && node.path("maxProperties").asInt(0) == 1) {
      parts.add("Exactly one of its keys.");
    } else if (node.path("minProperties").asInt(0) == 1) {
      parts.add("At least one key.");
    }
    if (node.has("pattern")) {
      parts.add("Matches " + code(node.path("pattern").asText()) + ".");
    }
    return parts;
  }

  private static void range(JsonNode node, String min, String max, String unit, List<String> parts) {
    boolean hasMin = node.has(min);
    boolean hasMax = node.has(max);
    if (hasMin && hasMax) {
      parts.add("From " + node.path(min).asText() + " to " + node.path(max).asText() + unit + ".");
    } else if (hasMin && !unit.isEmpty() && node.path(min).asInt() == 1) {
      parts.add("Not empty.");
    } else if (hasMin) {
      parts.add("At least " + node.path(min).asText() + unit + ".");
    } else if (hasMax) {
      parts.add("At most " + node.path(max).asText() + unit + ".");
    }
  }

  /** The definitions that are not objects, each once: a {@code $ref} to them links here. */
  private void valueTypes() {
    List<String> names = new ArrayList<>();
    definitions.fieldNames().forEachRemaining(name -> {
      if (!isObject(definitions.path(name))) {
        names.add(name);
      }
    });
    if (names.isEmpty()) {
      return;
    }
    line("## Value types");
    line("");
    line("Types that several properties share.");
    line("");
    for (String name : names) {
      JsonNode def = definitions.path(name);
      line("### " + name);
      line("");
      List<String> parts = new ArrayList<>();
      parts.add("Type: " + typeNames(def.path("type")) + ".");
      if (def.has("description")) {
        parts.add(text(def.path("description").asText()));
      }
      parts.addAll(constraints(def));
      line(String.join(" ", parts));
      line("");
    }
  }

  private boolean isObject(JsonNode def) {
    return "object".equals(def.path("type").asText()) || def.has("properties");
  }

  /** The node with a {@code $ref} replaced by its definition, the node's own keys winning. */
  private JsonNode resolve(JsonNode raw) {
    if (!raw.has("$ref")) {
      return raw;
    }
    ObjectNode merged = ((ObjectNode) definitions.path(refName(raw))).deepCopy();
    raw.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("$ref")) {
        merged.set(e.getKey(), e.getValue());
      }
    });
    return merged;
  }

  private static String refName(JsonNode raw) {
    String ref = raw.path("$ref").asText();
    if (!ref.startsWith("#/definitions/")) {
      throw new IllegalStateException("unsupported $ref " + ref);
    }
    return ref.substring("#/definitions/".length());
  }

  private static JsonNode at(JsonNode example, List<String> keys) {
    JsonNode node = example;
    for (String key : keys) {
      if (node == null || !node.has(key)) {
        return null;
      }
      node = node.get(key);
    }
    return node;
  }

  private static String firstFreeKey(JsonNode example, JsonNode fixed) {
    if (example == null || !example.isObject()) {
      return null;
    }
    for (Iterator<String> it = example.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!fixed.has(key)) {
        return key;
      }
    }
    return null;
  }

  private static List<String> append(List<String> list, String last) {
    List<String> copy = new ArrayList<>(list);
    copy.add(last);
    return copy;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new java.util.LinkedHashSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private String joinLinks(JsonNode properties) {
    StringJoiner links = new StringJoiner(", ");
    properties.fieldNames().forEachRemaining(name -> links.add("[`" + name + "`](#" + name + ")"));
    return links.toString();
  }

  /** A value as a spec would write it, in a code span. */
  private static String value(JsonNode value) {
    return code(hocon(value));
  }

  static String hocon(JsonNode value) {
    if (value.isTextual()) {
      String s = value.asText();
      return UNQUOTED_HOCON.matcher(s).matches() && !s.equals("true") && !s.equals("false") && !s.equals("null")
          ? s : json(value);
    }
    if (value.isArray()) {
      StringJoiner items = new StringJoiner(", ", "[", "]");
      value.forEach(v -> items.add(v.isTextual() ? json(v) : hocon(v)));
      return items.toString();
    }
    if (value.isObject()) {
      StringJoiner fields = new StringJoiner(", ", "{ ", " }");
      if (value.isEmpty()) {
        return "{}";
      }
      Map<String, JsonNode> entries = new LinkedHashMap<>();
      value.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
      entries.forEach((k, v) -> fields.add(v.isObject() ? key(k) + " " + hocon(v) : key(k) + " = " + hocon(v)));
      return fields.toString();
    }
    return value.toString();
  }

  /** A key as HOCON reads it as one key: quoted when it holds a dot (a path separator) or a character a bare key cannot. */
  private static String key(String k) {
    return k.matches("[A-Za-z0-9_-]+") ? k : new com.fasterxml.jackson.databind.node.TextNode(k).toString();
  }

  private static String json(JsonNode value) {
    return value.toString();
  }

  /** Text for a table cell: no HTML, no emphasis, no cell breaks. */
  static String text(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '|' -> b.append("\\|");
        case '*', '_', '`', '[', ']', '\\' -> b.append('\\').append(c);
        case '\n' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A code span that survives a table cell. A pipe would end the cell on GitHub and stays escaped
   * ({@code \|}) in the site's renderer, so code with a pipe is written as HTML with the pipe as an
   * entity, which both render the same.
   */
  static String code(String s) {
    if (s.contains("|")) {
      // Markdown still applies between HTML tags: every character it could take for syntax is an entity.
      StringBuilder html = new StringBuilder("<code>");
      for (char c : s.toCharArray()) {
        switch (c) {
          case '&' -> html.append("&amp;");
          case '<' -> html.append("&lt;");
          case '>' -> html.append("&gt;");
          case '|', '[', ']', '(', ')', '*', '_', '\\', '`', '!', '$', '~' -> html.append("&#").append((int) c).append(';');
          default -> html.append(c);
        }
      }
      return html.append("</code>").toString();
    }
    String fence = s.contains("`") ? "``" : "`";
    String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
    return fence + pad + s + pad + fence;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
