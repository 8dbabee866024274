package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.generate.ObjectKind;
import org.junit.jupiter.api.Test;

/** The table of kinds agrees with the schemas validate checks against. */
class ObjectKindTest {

  @Test
  void everyKindInTheTableHasAStrictSchemaInEverySupportedVersion() {
    for (String version : KubernetesSchemas.versions()) {
      for (ObjectKind kind : ObjectKind.values()) {
        assertThat(KubernetesSchemas.knows(version, kind.apiVersion(), kind.kind()))
            .as("%s %s in Kubernetes %s", kind.apiVersion(), kind.kind(), version).isTrue();
      }
    }
  }

  @Test
  void aModelIsTheKindItReads() throws ReflectiveOperationException {
    for (ObjectKind kind : ObjectKind.values()) {
      if (kind.model().isPresent()) {
        var object = kind.model().get().getDeclaredConstructor().newInstance();
        assertThat(object.getApiVersion() + " " + object.getKind()).isEqualTo(kind.apiVersion() + " " + kind.kind());
      }
    }
  }

  @Test
  void fileNamesAreDistinctPerKind() {
    assertThat(java.util.Arrays.stream(ObjectKind.values()).map(ObjectKind::fileName).distinct())
        .hasSize(ObjectKind.values().length);
  }
}
