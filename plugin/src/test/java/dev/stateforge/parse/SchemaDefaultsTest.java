package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fillsDefaultsFromTheSchemaIntoMapsAndDeclaredObjects() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree("""
        {"name": "a", "storage": {"data": {"mountPath": "/d", "size": "1Gi"}},
         "storageClasses": {"fast": {"provisioner": "p"}}}
        """);

    ObjectNode filled = SchemaDefaults.apply(tree);

    assertThat(filled.at("/replicas").asInt()).isEqualTo(1);
    assertThat(filled.at("/storage/data/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    assertThat(filled.at("/storage/retention/whenDeleted").asText()).isEqualTo("Retain");
    assertThat(filled.at("/storageClasses/fast/reclaimPolicy").asText()).isEqualTo("Retain");
    assertThat(filled.at("/disruption/unhealthyPodEvictionPolicy").asText()).isEqualTo("AlwaysAllow");
    assertThat(filled.has("probes")).as("no default object for probes").isFalse();
    assertThat(tree.has("replicas")).as("input untouched").isFalse();
  }

  @Test
  void keepsWhatTheSpecSays() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree("{\"replicas\": 5, \"updates\": {\"partition\": 4}}");
    ObjectNode filled = SchemaDefaults.apply(tree);
    assertThat(filled.at("/replicas").asInt()).isEqualTo(5);
    assertThat(filled.at("/updates/partition").asInt()).isEqualTo(4);
    assertThat(filled.at("/updates/strategy").asText()).isEqualTo("RollingUpdate");
  }
}
