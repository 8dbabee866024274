package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How an environment is merged over the base spec (HOCON's own fallback, on a spec the loader read),
 * where its values are located, and which paths it counts as set.
 */
class EnvironmentMergeTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Line numbers matter: the tests below name them. */
  static final String SPEC = """
      name = db
      replicas = 3
      command = [postgres, -c, "a=1"]
      env { MODE.value = fast, "my.var".value = x }
      storage {
        data { mountPath = /data, size = 10Gi }
        logs { mountPath = /logs, size = 1Gi }
      }
      environments {
        prod {
          replicas = 5
          command = [postgres]
          storage.data.size = 50Gi
          env { "my.var".value = y }
        }
        dev { storage.logs = null }
        broken = 7
      }
      """;

  @TempDir Path project;
  LoadedSpec base;
  Map<String, EnvironmentMerge.Environment> environments;

  @BeforeEach
  void load() throws IOException {
    Path spec = project.resolve("db.conf");
    Files.writeString(spec, SPEC);
    Diagnostics diagnostics = new Diagnostics();
    base = new SpecLoader(project, Map.of(), getClass().getClassLoader()).load(spec, diagnostics).orElseThrow();
    environments = new java.util.TreeMap<>();
    EnvironmentMerge.environments(base, diagnostics).forEach(e -> environments.put(e.name(), e));
    assertThat(diagnostics.sorted()).isEmpty();
  }

  static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theEnvironmentsAreTheObjectsUnderEnvironmentsSortedByName() {
    assertThat(environments.keySet()).containsExactly("dev", "prod");
    assertThat(environments.get("prod").spec().tree().get("replicas").asInt()).isEqualTo(5);
    assertThat(EnvironmentMerge.environments(new LoadedSpec("db.conf", tree("{}"), path -> Location.NONE), new Diagnostics()))
        .as("a spec made by hand has no HOCON behind it, and no environments").isEmpty();
  }

  @Test
  void objectsMergeKeyByKeyAndEverythingElseIsReplacedWhole() {
    String before = base.tree().toString();
    LoadedSpec prod = environments.get("prod").spec();
    assertThat(prod.file()).isEqualTo("db.conf");
    assertThat(prod.tree()).isEqualTo(tree("""
        {"name": "db", "replicas": 5, "command": ["postgres"],
         "env": {"MODE": {"value": "fast"}, "my.var": {"value": "y"}},
         "storage": {"data": {"mountPath": "/data", "size": "50Gi"}, "logs": {"mountPath": "/logs", "size": "1Gi"}}}
        """));
    assertThat(base.tree().toString()).as("the base is not changed").isEqualTo(before);
  }

  /** A null replaces an object whole, as in HOCON; the schema check then says what is wrong with it. */
  @Test
  void aNullOverrideReplacesTheObject() {
    LoadedSpec dev = environments.get("dev").spec();
    assertThat(dev.tree().at("/storage/logs").isNull()).isTrue();
    assertThat(dev.tree().at("/storage/data/size").asText()).isEqualTo("10Gi");
  }

  /** Every value keeps its origin: a key the environment sets is found at its line, any other at the base's. */
  @Test
  void aPathTheEnvironmentSetsIsFoundAtItsOverrideLine() {
    var prod = environments.get("prod").spec().sourceMap();
    assertThat(prod.locate(SpecPath.of("storage", "data", "size"))).isEqualTo(Location.of("db.conf", 13));
    assertThat(prod.locate(SpecPath.of("storage", "data", "mountPath"))).isEqualTo(Location.of("db.conf", 6));
    assertThat(prod.locate(SpecPath.of("command", 0))).isEqualTo(Location.of("db.conf", 12));
    assertThat(prod.locate(SpecPath.of("env", "my.var", "value"))).isEqualTo(Location.of("db.conf", 14));
    assertThat(prod.locate(SpecPath.of("env", "MODE", "value"))).isEqualTo(Location.of("db.conf", 4));
    assertThat(prod.locate(SpecPath.of("name"))).isEqualTo(Location.of("db.conf", 1));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "replicas               | true",
    "name                   | false",
    "storage                | true",
    "storage.data           | true",
    "storage.data.size      | true",
    "storage.data.mountPath | false",
    "storage.logs.size      | false",
    "command                | true",
    "command.0              | true",
    "env.MODE.value         | false",
  })
  void aPathIsSetWhenItOrAnAncestorIs(String dotted, boolean set) {
    List<Object> elements = new java.util.ArrayList<>();
    for (String part : dotted.split("\\.")) {
      elements.add(part.matches("\\d+") ? (Object) Integer.valueOf(part) : part);
    }
    assertThat(environments.get("prod").sets(new SpecPath(elements))).isEqualTo(set);
  }

  /** A key with a dot is one element: no printed path is read back. */
  @Test
  void aQuotedKeyIsOneElementAndTheRootIsNeverSet() {
    EnvironmentMerge.Environment prod = environments.get("prod");
    assertThat(prod.sets(SpecPath.ROOT)).isFalse();
    assertThat(prod.sets(SpecPath.of("env", "my.var", "value"))).isTrue();
    assertThat(prod.sets(SpecPath.of("env", "my", "var"))).isFalse();
    assertThat(prod.sets(SpecPath.of(0))).isFalse();
    assertThat(prod.shown(SpecPath.of("env", "my.var", "value")).toString()).isEqualTo("environments.prod.env.\"my.var\".value");
    assertThat(prod.shown(SpecPath.of("env", "MODE", "value")).toString()).isEqualTo("env.MODE.value");
  }

  @Test
  void theFixedKeysAreTheIdentityAndTheSharedObjects() {
    assertThat(EnvironmentMerge.FIXED).containsExactly("name", "namespace", "environments", "gitops", "storageClasses", "volumeSnapshotClasses");
    assertThat(environments.get("prod").fixedKeys()).isEmpty();
  }
}
