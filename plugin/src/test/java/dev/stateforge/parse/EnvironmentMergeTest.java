package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an environment's override is merged over the base spec, and which paths it counts as set. */
class EnvironmentMergeTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String BASE = """
      {"name": "db", "replicas": 3, "command": ["postgres", "-c", "a=1"],
       "env": {"MODE": {"value": "fast"}, "my.var": {"value": "x"}},
       "storage": {"data": {"mountPath": "/data", "size": "10Gi"}, "logs": {"mountPath": "/logs", "size": "1Gi"}},
       "environments": {
         "prod": {"replicas": 5, "command": ["postgres"], "storage": {"data": {"size": "50Gi"}},
                  "env": {"my.var": {"value": "y"}}},
         "dev": {"storage": {"logs": null}},
         "broken": 7
       }}
      """;

  static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The source map of the base: each written path at a line of its own, counted in the order asked. */
  static final class Lines {
    final Map<String, Integer> lines = new HashMap<>();

    Location locate(SpecPath path) {
      return Location.of("db.conf", lines.computeIfAbsent(path.toString(), p -> lines.size() + 1));
    }
  }

  @Test
  void theEnvironmentsAreTheObjectsUnderEnvironmentsSortedByName() {
    Map<String, ObjectNode> environments = EnvironmentMerge.environments(tree(BASE));
    assertThat(environments).containsOnlyKeys("dev", "prod");
    assertThat(environments.keySet()).containsExactly("dev", "prod");
    assertThat(environments.get("prod").get("replicas").asInt()).isEqualTo(5);
    assertThat(EnvironmentMerge.environments(tree("{\"name\": \"db\"}"))).isEmpty();
  }

  @Test
  void objectsMergeKeyByKeyAndEverythingElseIsReplacedWhole() {
    ObjectNode base = tree(BASE);
    String before = base.toString();
    LoadedSpec prod = EnvironmentMerge.merge(new LoadedSpec("specs/db.conf", base, new Lines()::locate), "prod",
        EnvironmentMerge.environments(base).get("prod"));

    assertThat(prod.file()).isEqualTo("specs/db.conf");
    assertThat(prod.tree()).isEqualTo(tree("""
        {"name": "db", "replicas": 5, "command": ["postgres"],
         "env": {"MODE": {"value": "fast"}, "my.var": {"value": "y"}},
         "storage": {"data": {"mountPath": "/data", "size": "50Gi"}, "logs": {"mountPath": "/logs", "size": "1Gi"}}}
        """));
    assertThat(base.toString()).as("the base is not changed").isEqualTo(before);
  }

  /** A null replaces an object whole, as in HOCON; the schema check then says what is wrong with it. */
  @Test
  void aNullOverrideReplacesTheObject() {
    ObjectNode base = tree(BASE);
    LoadedSpec dev = EnvironmentMerge.merge(new LoadedSpec("specs/db.conf", base, new Lines()::locate), "dev",
        EnvironmentMerge.environments(base).get("dev"));
    assertThat(dev.tree().at("/storage/logs").isNull()).isTrue();
    assertThat(dev.tree().at("/storage/data/size").asText()).isEqualTo("10Gi");
  }

  /** The merged spec's copy is its own: changing it leaves the override alone. */
  @Test
  void theMergedTreeSharesNothingWithTheOverride() {
    ObjectNode base = tree(BASE);
    ObjectNode override = EnvironmentMerge.environments(base).get("prod");
    LoadedSpec prod = EnvironmentMerge.merge(new LoadedSpec("specs/db.conf", base, new Lines()::locate), "prod", override);
    ((com.fasterxml.jackson.databind.node.ArrayNode) prod.tree().get("command")).add("changed");
    assertThat(override.get("command")).hasSize(1);
  }

  @Test
  void aPathTheEnvironmentSetsIsFoundAtItsOverrideLine() {
    ObjectNode base = tree(BASE);
    Lines lines = new Lines();
    LoadedSpec prod = EnvironmentMerge.merge(new LoadedSpec("specs/db.conf", base, lines::locate), "prod",
        EnvironmentMerge.environments(base).get("prod"));

    Location size = prod.sourceMap().locate(SpecPath.of("storage", "data", "size"));
    Location mountPath = prod.sourceMap().locate(SpecPath.of("storage", "data", "mountPath"));
    Location firstCommandWord = prod.sourceMap().locate(SpecPath.of("command", 0));

    assertThat(size).isEqualTo(lines.locate(SpecPath.of("environments", "prod", "storage", "data", "size")));
    assertThat(mountPath).isEqualTo(lines.locate(SpecPath.of("storage", "data", "mountPath")));
    assertThat(firstCommandWord).isEqualTo(lines.locate(SpecPath.of("environments", "prod", "command", 0)));
    assertThat(size).isNotEqualTo(mountPath).isNotEqualTo(firstCommandWord);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "''                     | false",
    "replicas               | true",
    "name                   | false",
    "storage                | true",
    "storage.data           | true",
    "storage.data.size      | true",
    "storage.data.mountPath | false",
    "storage.logs.size      | false",
    "command                | true",
    "command[0]             | true",
    "command[0].x           | true",
    "env.MODE.value         | false",
    "env.\"my.var\"         | true",
    "env.\"my.var\".value   | true",
  })
  void aDottedPathIsSetWhenItOrAnAncestorIs(String path, boolean set) {
    JsonNode prod = EnvironmentMerge.environments(tree(BASE)).get("prod");
    assertThat(EnvironmentMerge.overrides(prod, path)).isEqualTo(set);
  }

  @Test
  void aSpecPathIsSetWhenItOrAnAncestorIs() {
    JsonNode prod = EnvironmentMerge.environments(tree(BASE)).get("prod");
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.ROOT)).isFalse();
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.of("env", "my.var", "value"))).isTrue();
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.of("storage", "data", "size"))).isTrue();
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.of("storage", "data", "mountPath"))).isFalse();
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.of("command", 2))).isTrue();
    assertThat(EnvironmentMerge.overrides(prod, SpecPath.of(0))).isFalse();
  }

  /** The paths printed for a key with a dot or a quote read back as that key. */
  @Test
  void aQuotedKeyIsOneElement() {
    JsonNode override = tree("{\"env\": {\"a.b\": {\"value\": \"1\"}, \"say \\\"hi\\\"\": {\"value\": \"2\"}}}");
    assertThat(EnvironmentMerge.overrides(override, SpecPath.of("env", "a.b", "value").toString())).isTrue();
    assertThat(EnvironmentMerge.overrides(override, SpecPath.of("env", "say \"hi\"", "value").toString())).isTrue();
    assertThat(EnvironmentMerge.overrides(override, SpecPath.of("env", "a", "b").toString())).isFalse();
  }

  @Test
  void theFixedKeysAreTheIdentityAndTheSharedObjects() {
    assertThat(EnvironmentMerge.FIXED).containsExactly("name", "namespace", "environments", "gitops", "storageClasses", "volumeSnapshotClasses");
  }
}
