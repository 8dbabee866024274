package dev.stateforge.podrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's env and $(VAR) expansion against Kubernetes' documented rules, without starting anything. */
class PodEnvTest {
  static final String OBJECTS = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {MODE: cluster, "bad key": x}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: data}
      spec:
        serviceName: db-headless
        ordinals: {start: 1}
        replicas: 2
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: []
      """;

  @Test
  void expansionFollowsKubernetes() {
    Map<String, String> defined = Map.of("A", "x", "B", "y");
    assertThat(Expansion.expand("$(A)-$(B)", defined)).isEqualTo("x-y");
    assertThat(Expansion.expand("$$(A)", defined)).isEqualTo("$(A)");
    assertThat(Expansion.expand("$(C) $A $", defined)).isEqualTo("$(C) $A $");
    assertThat(Expansion.expand("$(A", defined)).isEqualTo("$(A");
    assertThat(Expansion.expand("$$$$", defined)).isEqualTo("$$");
  }

  @Test
  void envIsResolvedInOrderFromEveryKindOfSource() throws Exception {
    AppObjects app = AppObjects.parse(OBJECTS);
    assertThat(app.firstOrdinal()).isEqualTo(1);
    PodIdentity pod = new PodIdentity("db-2", "data", 2, "10.1.2.11", "10.1.2.1",
        Map.of("apps.kubernetes.io/pod-index", "2"), Map.of());
    JsonNode container = new YAMLMapper().readTree("""
        name: db
        resources: {requests: {memory: 1Gi}, limits: {cpu: 1500m}}
        envFrom: [{configMapRef: {name: settings}, prefix: CFG_}]
        env:
        - {name: LATER, value: "$(HOST)"}
        - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: HOST, value: "$(NAME).db-headless.$(NS)"}
        - {name: NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
        - {name: ID, valueFrom: {fieldRef: {fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']"}}}
        - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
        - {name: PASSWORD, valueFrom: {secretKeyRef: {name: auth, key: password}}}
        - {name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: MODE}}}
        - {name: MEMORY_MI, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
        - {name: CPUS, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
        - {name: NOT_EXPANDED, valueFrom: {secretKeyRef: {name: auth, key: ref}}}
        """);
    Map<String, String> env = new PodEnv(app, Map.of("auth", Map.of("password", "p", "ref", "$(NAME)")), pod).resolve(container);
    assertThat(env).containsEntry("CFG_MODE", "cluster").doesNotContainKey("CFG_bad key")
        .containsEntry("LATER", "$(HOST)")
        .containsEntry("HOST", "db-2.db-headless.$(NS)")
        .containsEntry("ID", "2").containsEntry("IP", "10.1.2.11").containsEntry("PASSWORD", "p").containsEntry("MODE", "cluster")
        .containsEntry("MEMORY_MI", "1024").containsEntry("CPUS", "2").containsEntry("NOT_EXPANDED", "$(NAME)");
  }

  @Test
  void aMissingSecretKeyStopsThePodWithoutItsValue() throws Exception {
    AppObjects app = AppObjects.parse(OBJECTS);
    PodIdentity pod = new PodIdentity("db-1", "data", 1, "10.1.2.10", "10.1.2.1", Map.of(), Map.of());
    JsonNode container = new YAMLMapper().readTree("env: [{name: P, valueFrom: {secretKeyRef: {name: auth, key: other}}}]");
    assertThatThrownBy(() -> new PodEnv(app, Map.of("auth", Map.of("password", "hunter2")), pod).resolve(container))
        .hasMessageContaining("key other of Secret auth is missing").hasMessageNotContaining("hunter2");
  }
}
