package dev.stateforge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec schema is a valid draft-07 schema, documents every property, and means what it says. */
class SpecSchemaTest {
  static final String RESOURCE = "dev/stateforge/schema/v1/stateforge-spec.schema.json";
  static final ObjectMapper JSON = new ObjectMapper();
  static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_7, b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));

  static JsonNode document() throws IOException {
    try (InputStream in = SpecSchemaTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return JSON.readTree(in);
    }
  }

  static Schema schema() throws IOException {
    return REGISTRY.getSchema(document());
  }

  @Test
  void isAValidDraft07Schema() throws IOException {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
    assertThat(meta.validate(document())).isEmpty();
    // The meta-schema check is not vacuous: a wrong type for "required" fails it.
    assertThat(meta.validate(JSON.readTree("{\"type\": \"object\", \"required\": 3}"))).isNotEmpty();
  }

  @Test
  void everyPropertyHasADescription() throws IOException {
    JsonNode document = document();
    List<String> undocumented = new ArrayList<>();
    walk(document, "", (path, node) -> {
      JsonNode properties = node.path("properties");
      Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode property = field.getValue();
        // A $ref to a documented definition is documented too: IDEs show the target's description.
        boolean documented = property.has("description")
            || (property.has("$ref") && document.at(property.get("$ref").asText().substring(1)).has("description"));
        if (!documented) {
          undocumented.add(path + "/properties/" + field.getKey());
        }
      }
    });
    assertThat(undocumented).isEmpty();
  }

  @Test
  void everyObjectWithPropertiesIsClosed() throws IOException {
    List<String> open = new ArrayList<>();
    walk(document(), "", (path, node) -> {
      if (node.has("properties") && !node.has("additionalProperties")) {
        open.add(path);
      }
      if (node.path("additionalProperties").isBoolean() && node.get("additionalProperties").asBoolean()) {
        open.add(path);
      }
    });
    assertThat(open).isEmpty();
  }

  static Stream<Path> validExamples() throws IOException {
    Path dir = Path.of("src/test/resources/examples/valid");
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void validExamplesPass(Path example) throws IOException {
    ConfigSyntax syntax = example.toString().endsWith(".json") ? ConfigSyntax.JSON : ConfigSyntax.CONF;
    String json = ConfigFactory.parseFile(example.toFile(), ConfigParseOptions.defaults().setSyntax(syntax))
        .resolve().root().render(ConfigRenderOptions.concise());
    assertThat(schema().validate(JSON.readTree(json))).isEmpty();
  }

  static Stream<JsonNode> invalidExamples() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    JSON.readTree(Path.of("src/test/resources/examples/invalid.json").toFile()).forEach(cases::add);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExamples")
  void invalidExamplesFailWhereExpected(JsonNode example) throws IOException {
    List<Error> errors = schema().validate(example.get("spec"));
    assertThat(errors)
        .as(example.get("why").asText())
        .anySatisfy(e -> {
          assertThat(e.getKeyword()).isEqualTo(example.get("keyword").asText());
          assertThat(e.getInstanceLocation().toString().replace("$", "").replace(".", "/").replaceAll("^/?", "/"))
              .isEqualTo("/" + example.get("at").asText().replaceAll("^/", ""));
        });
  }

  interface Visitor {
    void visit(String path, JsonNode node);
  }

  static void walk(JsonNode node, String path, Visitor visitor) {
    if (!node.isObject()) {
      return;
    }
    visitor.visit(path, node);
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (key.equals("properties") || key.equals("definitions")) {
        field.getValue().fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + key + "/" + e.getKey(), visitor));
      } else if (field.getValue().isObject() && !List.of("default", "examples", "const", "if").contains(key)) {
        walk(field.getValue(), path + "/" + key, visitor);
      }
    }
  }
}
