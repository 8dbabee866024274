package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.SpecPath;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every spec key a finding may point at exists in the spec's schema. */
class SpecKeysTest {

  @Test
  void everyNamedKeyIsInTheSchema() throws IllegalAccessException {
    List<SpecPath> keys = new ArrayList<>();
    for (Field field : SpecKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == SpecPath.class) {
        keys.add((SpecPath) field.get(null));
      }
    }
    assertThat(keys).hasSizeGreaterThan(15);
    assertThat(keys).allSatisfy(key -> assertThat(resolves(key)).as("%s is a key of the spec schema", key).isTrue());
  }

  @Test
  void everyKeyMadeFromAPartIsInTheSchemaForEachPartTheRulesPass() {
    List<SpecPath> keys = new ArrayList<>();
    keys.add(SpecKeys.env("POSTGRES_PASSWORD"));
    for (String resource : List.of("cpu", "memory")) {
      keys.add(SpecKeys.request(resource));
    }
    for (String which : List.of("startup", "readiness", "liveness")) {
      keys.add(SpecKeys.probe(which));
      keys.add(SpecKeys.probeCommand(which));
    }
    for (String which : List.of("dump", "restore", "verify")) {
      keys.add(SpecKeys.engineCommand(which));
    }
    keys.add(SpecKeys.argument("command", 0));
    keys.add(SpecKeys.argument("args", 2));
    keys.add(SpecKeys.volume("data"));
    keys.add(SpecKeys.retention("whenDeleted"));
    keys.add(SpecKeys.retention("whenScaled"));
    keys.add(SpecKeys.disruption("maxUnavailable"));
    keys.add(SpecKeys.disruption("minAvailable"));
    keys.add(SpecKeys.storageClass("fast-ssd", "reclaimPolicy"));
    keys.add(SpecKeys.storageClass("fast-ssd", "volumeBindingMode"));
    keys.add(SpecKeys.envSource("POD_NAME", "field"));
    keys.add(SpecKeys.envSource("CACHE_MB", "resource", "divisor"));
    for (String field : List.of("key", "value", "effect", "tolerationSeconds")) {
      keys.add(SpecKeys.toleration(1, field));
    }
    for (String object : List.of("pod", "service", "headlessService")) {
      keys.add(SpecKeys.metadata(object, "labels", "app.kubernetes.io/name"));
      keys.add(SpecKeys.metadata(object, "annotations", "argocd.argoproj.io/sync-wave"));
    }
    assertThat(keys).allSatisfy(key -> assertThat(resolves(key)).as("%s is a key of the spec schema", key).isTrue());
  }

  @Test
  void aKeyTheSchemaLacksIsCaught() {
    assertThat(resolves(SpecPath.of("restore"))).isFalse();
    assertThat(resolves(SpecPath.of("resources", "requests", "cpu"))).isFalse();
    assertThat(resolves(SpecKeys.retention("whenever"))).isFalse();
  }

  private static boolean resolves(SpecPath path) {
    return SpecSchemaPaths.resolves(path);
  }
}
