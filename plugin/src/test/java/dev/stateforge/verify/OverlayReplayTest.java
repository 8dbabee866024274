package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateforge.diag.StateforgeBug;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayReplayTest {
  private static final String BASE = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        replicas: 3
      """;

  private static Map<String, byte[]> previous(String overlay) {
    return Map.of(
        "db/base/kustomization.yaml", "resources:\n- statefulset.yaml\n".getBytes(StandardCharsets.UTF_8),
        "db/base/statefulset.yaml", BASE.getBytes(StandardCharsets.UTF_8),
        "db/overlays/dev/kustomization.yaml", overlay.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replaysThePatchesOfAnOverlayOnItsBase() throws Exception {
    var objects = OverlayReplay.objects(previous("""
        resources:
        - ../../base
        patches:
        - patch: |
            - op: replace
              path: /spec/replicas
              value: 1
          target:
            kind: StatefulSet
            name: db
        """), "db", "dev").orElseThrow();
    assertThat(objects).containsOnlyKeys("db/base/statefulset.yaml");
    assertThat(objects.get("db/base/statefulset.yaml").at("/spec/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void aPatchThatDoesNotApplyStopsTheBuildInsteadOfComparingWithTheWrongState() {
    assertThatThrownBy(() -> OverlayReplay.objects(previous("""
        resources:
        - ../../base
        patches:
        - patch: |
            - op: replace
              path: /spec/template/spec/containers/0/image
              value: postgres:17
          target:
            kind: StatefulSet
            name: db
        """), "db", "dev"))
        .isInstanceOf(StateforgeBug.class)
        .hasMessageContaining("db/overlays/dev/kustomization.yaml does not apply to StatefulSet/db of the previous output");
  }

  @Test
  void aResourceAboveTheOutputDirectoryNamesNothing() throws Exception {
    var objects = OverlayReplay.objects(previous("resources:\n- ../../../../../etc\n- ../../base\n"), "db", "dev").orElseThrow();
    assertThat(objects).containsOnlyKeys("db/base/statefulset.yaml");
  }
}
