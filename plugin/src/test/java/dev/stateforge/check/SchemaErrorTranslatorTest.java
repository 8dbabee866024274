package dev.stateforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every branch of {@link SchemaErrorTranslator}: a valid spec with one fragment merged in, checked
 * against the real schema, must give exactly one finding of the code, at the line of its spec path,
 * with the message and hint. The source map gives each path the line of its depth plus one, so a
 * finding placed at a key's parent instead of the key shows.
 */
class SchemaErrorTranslatorTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String VALID = """
      {"name": "db", "image": "postgres:16.4", "resources": {"cpu": "500m", "memory": "1Gi"},
       "storage": {"data": {"mountPath": "/data", "size": "10Gi"}}}
      """;

  static final SourceMap LINES = path -> Location.of("db.conf", path.elements().size() + 1);

  static final String LONG_NAME = "a".repeat(53);

  /** The valid spec with {@code fragment} merged in; a value "<removed>" removes the key. */
  static JsonNode spec(String fragment) throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(VALID);
    merge(tree, (ObjectNode) JSON.readTree(fragment));
    return tree;
  }

  static void merge(ObjectNode into, ObjectNode fragment) {
    for (Iterator<Map.Entry<String, JsonNode>> it = fragment.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode existing = into.get(field.getKey());
      if (field.getValue().isTextual() && field.getValue().asText().equals("<removed>")) {
        into.remove(field.getKey());
      } else if (existing instanceof ObjectNode object && field.getValue() instanceof ObjectNode more) {
        merge(object, more);
      } else {
        into.set(field.getKey(), field.getValue());
      }
    }
  }

  static List<Diagnostic> check(String fragment) throws Exception {
    Diagnostics out = new Diagnostics();
    boolean clean = InputSchemaCheck.check(spec(fragment), LINES, out);
    assertThat(clean).isEqualTo(out.sorted().isEmpty());
    return out.sorted();
  }

  @Test
  void theValidSpecHasNoFinding() throws Exception {
    assertThat(check("{}")).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {1} at {3}: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", value = {
    // additionalProperties: a near key is suggested, else the keys of the object are listed
    "{\"replcas\": 3}                                   | unknown-key | 2 | replcas | unknown key \"replcas\" | did you mean \"replicas\"?",
    "{\"resources\": {\"zzzzzzzz\": 1}}                 | unknown-key | 3 | resources.zzzzzzzz | unknown key \"zzzzzzzz\" | known keys here: cpu, memory, limits",
    // required: the hint is the first sentence of the key's description
    "{\"image\": \"<removed>\"}                         | missing-key | 1 | image | missing required key \"image\" | Container image, with a tag or digest, for example postgres:16.4",
    "{\"storage\": {\"data\": {\"mountPath\": \"<removed>\"}}} | missing-key | 3 | storage.data.mountPath | missing required key \"mountPath\" | Where the volume is mounted in the main container",
    // required by an else branch (a claim needs a size): the hint is the key's own description
    "{\"storage\": {\"data\": {\"size\": \"<removed>\"}}} | missing-key | 3 | storage.data.size | missing required key \"size\" | Requested capacity of the claim, for example 50Gi",
    "{\"storage\": {\"data\": {\"emptyDir\": {}}}} | conflicting-keys | 3 | storage.data | give emptyDir or size, not both | -",
    // type: one type or several; the value as found (text quoted, containers by kind)
    "{\"replicas\": \"three\"}                          | wrong-type | 2 | replicas | expected an integer, got \"three\" | -",
    "{\"replicas\": {}}                                 | wrong-type | 2 | replicas | expected an integer, got an object | -",
    "{\"replicas\": [1]}                                | wrong-type | 2 | replicas | expected an integer, got a list | -",
    "{\"replicas\": null}                               | wrong-type | 2 | replicas | expected an integer, got null | -",
    "{\"replicas\": 2.5}                                | wrong-type | 2 | replicas | expected an integer, got 2.5 | -",
    "{\"resources\": \"big\"}                           | wrong-type | 2 | resources | expected an object, got \"big\" | -",
    "{\"storage\": {\"data\": {\"accessModes\": \"ReadWriteOnce\"}}} | wrong-type | 4 | storage.data.accessModes | expected a list, got \"ReadWriteOnce\" | -",
    "{\"podManagementPolicy\": true}                    | wrong-type | 2 | podManagementPolicy | expected a string, got true | -",
    "{\"disruption\": {\"maxUnavailable\": true}}       | wrong-type | 3 | disruption.maxUnavailable | expected an integer or a string, got true | -",
    // a value under env is hidden, whatever its type
    "{\"env\": {\"MODE\": {\"value\": 42}}}             | wrong-type | 4 | env.MODE.value | expected a string, got (value hidden) | -",
    "{\"env\": {\"MODE\": {\"value\": {}}}}             | wrong-type | 4 | env.MODE.value | expected a string, got an object | -",
    // enum: a near value is suggested
    "{\"podManagementPolicy\": \"parallel\"}            | not-allowed | 2 | podManagementPolicy | \"parallel\" is not one of OrderedReady, Parallel | did you mean \"Parallel\"?",
    "{\"podManagementPolicy\": \"Whenever\"}            | not-allowed | 2 | podManagementPolicy | \"Whenever\" is not one of OrderedReady, Parallel | -",
    // pattern, by the schema's x-stateforge-format
    "{\"resources\": {\"memory\": \"1 GB\"}}            | quantity-format | 3 | resources.memory | \"1 GB\" is not a quantity | did you mean \"1Gi\"?",
    "{\"resources\": {\"cpu\": \"half\"}}               | quantity-format | 3 | resources.cpu | \"half\" is not a quantity | write a number with an optional unit and no space, such as 50Gi, 512Mi or 500m",
    "{\"name\": \"My_DB\"}                              | name-format | 2 | name | \"My_DB\" is not a valid app name | use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean \"my-db\"?",
    "{\"name\": \"9lives\"}                             | name-format | 2 | name | \"9lives\" is not a valid app name | use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean \"lives\"?",
    "{\"name\": \"---\"}                                | name-format | 2 | name | \"---\" is not a valid app name | use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
    "{\"namespace\": \"Team_A\"}                        | name-format | 2 | namespace | \"Team_A\" is not a DNS-1123 label | use lowercase letters, digits and '-', starting and ending with a letter or digit; did you mean \"team-a\"?",
    "{\"disruption\": {\"minAvailable\": \"150%\"}}     | percent-format | 3 | disruption.minAvailable | \"150%\" is not a percentage | write a whole number of pods, or a percentage such as \"25%\"",
    "{\"updates\": {\"maxUnavailable\": \"0%\"}}        | percent-format | 3 | updates.maxUnavailable | \"0%\" is not a percentage | write a whole number of pods, or a percentage such as \"25%\"",
    "{\"image\": \"postgres 16\"}                       | image-format | 2 | image | \"postgres 16\" is not an image reference | an image reference has no spaces, for example postgres:16.4",
    "{\"monitoring\": {\"interval\": \"30 seconds\"}}   | pattern | 3 | monitoring.interval | \"30 seconds\" does not have the expected form | Scrape interval",
    "{\"storage\": {\"data\": {\"mountPath\": \"data\"}}} | pattern | 4 | storage.data.mountPath | \"data\" does not have the expected form | Where the volume is mounted in the main container",
    // a value under a secret-looking key is hidden, and no suggestion repeats it
    "{\"env\": {\"DB\": {\"secret\": {\"name\": \"db\", \"key\": \"pass word\"}}}} | pattern | 5 | env.DB.secret.key | (value hidden) does not have the expected form | Key within it",
    // minimum and maximum
    "{\"replicas\": -1}                                 | out-of-range | 2 | replicas | -1 is below the minimum of 0 | -",
    "{\"replicas\": 1001}                               | out-of-range | 2 | replicas | 1001 is above the maximum of 1000 | -",
    // minLength: empty, or shorter than a longer minimum
    "{\"image\": \"\"}                                | too-short | 2 | image | must not be empty | -",
    "{\"acknowledge\": {\"volume-shrink\": \"because\"}} | too-short | 3 | acknowledge.volume-shrink | must be at least 10 characters | -",
    // minItems and uniqueItems
    "{\"probes\": {\"readiness\": {\"exec\": {\"command\": []}}}} | too-short | 5 | probes.readiness.exec.command | needs at least 1 item(s) | -",
    "{\"storage\": {\"data\": {\"accessModes\": []}}} | too-short | 4 | storage.data.accessModes | needs at least 1 item(s) | -",
    "{\"storage\": {\"data\": {\"accessModes\": [\"ReadWriteOnce\", \"ReadWriteOnce\"]}}} | duplicate-item | 4 | storage.data.accessModes | lists an item twice | -",
    "{\"writeSecretsToGitInPlainText\": [\"env.A\", \"env.A\"]} | duplicate-item | 2 | writeSecretsToGitInPlainText | lists an item twice | -",
    // minProperties and maxProperties, by the definition that sets them
    "{\"env\": {\"MODE\": {}}}                         | env-source | 3 | env.MODE | give exactly one of value, secret, configMap, field or resource | -",
    "{\"env\": {\"MODE\": {\"value\": \"a\", \"configMap\": {\"name\": \"c\", \"key\": \"k\"}}}} | env-source | 3 | env.MODE | give exactly one of value, secret, configMap, field or resource | -",
    "{\"probes\": {\"readiness\": {}}}                 | probe-action | 3 | probes.readiness | give one of tcp, http or exec | -",
    "{\"backup\": {\"schedule\": \"0 3 * * *\", \"target\": {}}} | backup-target | 3 | backup.target | give exactly one of volume, snapshot and objectStorage | -",
    "{\"storageClasses\": {\"old\": {\"existing\": true, \"provisioner\": \"x\"}}} | existing-storage-class | 3 | storageClasses.old | a StorageClass marked existing = true takes no other key | Stateforge writes nothing for an existing class; drop existing to declare it here instead",
    "{\"volumeSnapshotClasses\": {\"old\": {\"existing\": true, \"driver\": \"x\"}}} | existing-storage-class | 3 | volumeSnapshotClasses.old | a VolumeSnapshotClass marked existing = true takes no other key | Stateforge writes nothing for an existing class; drop existing to declare it here instead",
    // not
    "{\"disruption\": {\"maxUnavailable\": 1, \"minAvailable\": 2}} | conflicting-keys | 2 | disruption | give maxUnavailable or minAvailable, not both | -",
    // propertyNames: at the key, with the names' description as the hint
    "{\"storage\": {\"Data_Vol\": {\"mountPath\": \"/v\", \"size\": \"1Gi\"}}} | bad-name | 3 | storage.Data_Vol | \"Data_Vol\" is not a valid name here | A volume name (DNS-1123 label)",
    "{\"env\": {\"1ST\": {\"value\": \"a\"}}}         | bad-name | 3 | env.1ST | \"1ST\" is not a valid name here | An environment variable name",
  })
  void eachKeywordIsTranslated(String fragment, String code, String line, String path, String message, String hint) throws Exception {
    List<Diagnostic> found = check(fragment);
    assertThat(found).filteredOn(d -> d.code().id().equals(code)).singleElement().satisfies(d -> {
      assertThat(d.location()).isEqualTo(Location.of("db.conf", Integer.parseInt(line)));
      assertThat(d.path().toString()).isEqualTo(path);
      assertThat(d.message()).isEqualTo(message);
      assertThat(d.hint()).isEqualTo(hint);
    });
  }

  /** maxLength: a long app name is explained, other long values are not; the value is cut to 60 characters. */
  @Test
  void aLongValueIsTooLong() throws Exception {
    String name = "a".repeat(53);
    assertThat(check("{\"name\": \"" + name + "\"}")).filteredOn(d -> d.code().id().equals("too-long")).singleElement().satisfies(d -> {
      assertThat(d.path().toString()).isEqualTo("name");
      assertThat(d.location()).isEqualTo(Location.of("db.conf", 2));
      assertThat(d.message()).isEqualTo("\"" + name + "\" is 53 characters long; at most 52 are allowed");
      assertThat(d.hint()).isEqualTo("each pod's hostname and the StatefulSet's controller-revision-hash label are built "
          + "from the name, and a label value may not exceed 63 characters");
    });
    String storageClass = "c".repeat(254);
    assertThat(check("{\"storage\": {\"data\": {\"class\": \"" + storageClass + "\"}}}")).singleElement().satisfies(d -> {
      assertThat(d.code().id()).isEqualTo("too-long");
      assertThat(d.path().toString()).isEqualTo("storage.data.class");
      assertThat(d.location()).isEqualTo(Location.of("db.conf", 4));
      assertThat(d.message()).isEqualTo("\"" + "c".repeat(60) + "…\" is 254 characters long; at most 253 are allowed");
      assertThat(d.hint()).isNull();
    });
  }

  /** A value that fails several keywords gives one finding per code, never two of one code for one path. */
  @Test
  void oneValueGivesOneFindingPerCode() throws Exception {
    assertThat(check("{\"image\": \"\"}")).extracting(d -> d.code().id()).containsExactlyInAnyOrder("too-short", "image-format");
    assertThat(check("{\"name\": \"\"}")).extracting(d -> d.code().id()).containsExactlyInAnyOrder("too-short", "name-format");
  }

  // The branches below have no spec that reaches them with the current schema; networknt errors are built by hand.

  static Error error(String keyword, String schemaPointer, JsonNode value, String message, String... instancePath) {
    NodePath instance = new NodePath(PathType.JSON_POINTER);
    for (String element : instancePath) {
      instance = instance.append(element);
    }
    return Error.builder().keyword(keyword).schemaLocation(SchemaLocation.of("stateforge-spec.schema.json#" + schemaPointer))
        .instanceLocation(instance).instanceNode(value).message(message).build();
  }

  /** The nested keyword's own error explains a failed reference or condition: these give no finding. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"$ref, /properties/resources/properties/cpu/$ref", "if, /definitions/storageClass/if", "then, /definitions/storageClass/then",
      "else, /definitions/storageClass/else"})
  void aReferenceOrConditionIsNoFinding(String keyword, String pointer) {
    assertThat(SchemaErrorTranslator.translate(error(keyword, pointer, IntNode.valueOf(1), "x", "resources", "cpu"), LINES)).isNull();
  }

  @Test
  void exclusiveBoundsReadLikeInclusiveOnes() {
    Diagnostic below = SchemaErrorTranslator.translate(
        error("exclusiveMinimum", "/properties/replicas/exclusiveMinimum", IntNode.valueOf(-1), "x", "replicas"), LINES);
    assertThat(below.code().id()).isEqualTo("out-of-range");
    assertThat(below.message()).isEqualTo("-1 is below the minimum of 0");
    Diagnostic above = SchemaErrorTranslator.translate(
        error("exclusiveMaximum", "/properties/replicas/exclusiveMaximum", IntNode.valueOf(5000), "x", "replicas"), LINES);
    assertThat(above.message()).isEqualTo("5000 is above the maximum of 1000");
  }

  /** A keyword without a translation keeps the validator's message, without its path prefix. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "/replicas: must be a multiple of 2 | must be a multiple of 2",
    "$.replicas: must be a multiple of 2 | must be a multiple of 2",
    "must be a multiple of 2: really | must be a multiple of 2: really",
  })
  void anUnknownKeywordIsASchemaFinding(String message, String shown) {
    Diagnostic d = SchemaErrorTranslator.translate(
        error("multipleOf", "/properties/replicas/multipleOf", IntNode.valueOf(3), message, "replicas"), LINES);
    assertThat(d.code().id()).isEqualTo("schema");
    assertThat(d.path().toString()).isEqualTo("replicas");
    assertThat(d.location()).isEqualTo(Location.of("db.conf", 2));
    assertThat(d.message()).isEqualTo(shown);
    assertThat(d.hint()).isNull();
  }

  @Test
  void aPropertyCountOfAnotherObjectIsASchemaFinding() {
    Diagnostic d = SchemaErrorTranslator.translate(
        error("minProperties", "/properties/resources/minProperties", JSON.createObjectNode(), "/resources: needs 1 property", "resources"), LINES);
    assertThat(d.code().id()).isEqualTo("schema");
    assertThat(d.message()).isEqualTo("needs 1 property");
  }

  /** Every pattern of the schema has a format or a description; without either, the hint quotes the pattern. */
  @Test
  void aPatternWithoutDescriptionQuotesIt() {
    Diagnostic d = SchemaErrorTranslator.translate(
        error("pattern", "/properties/env/propertyNames/pattern", JSON.getNodeFactory().textNode("x y"), "x", "replicas"), LINES);
    assertThat(d.code().id()).isEqualTo("pattern");
    assertThat(d.message()).isEqualTo("\"x y\" does not have the expected form");
    assertThat(d.hint()).isEqualTo("An environment variable name");
  }
}
