package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.spec.SpecSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The binder reads every integer key as a Java int, as Kubernetes reads most of them (int32): so
 * every integer of the spec's schema must have a maximum within int32, and the schema check, not a
 * silent conversion, refuses anything larger.
 */
class SchemaIntegerBoundsTest {
  @Test
  void everyIntegerKeyHasBoundsWithinInt32() {
    List<String> integers = new ArrayList<>();
    List<String> unbounded = new ArrayList<>();
    collect(SpecSchema.document(), "", integers, unbounded);
    assertThat(integers).as("integer keys of the schema").contains("/properties/replicas", "/properties/terminationGracePeriodSeconds");
    assertThat(unbounded).as("integer keys of the schema without a maximum and minimum within int32").isEmpty();
  }

  private static void collect(JsonNode node, String pointer, List<String> integers, List<String> unbounded) {
    if (node.isObject()) {
      JsonNode type = node.path("type");
      boolean integer = type.asText().equals("integer")
          || type.isArray() && type.toString().contains("\"integer\"");
      if (integer) {
        integers.add(pointer);
      }
      if (integer && !(node.path("maximum").canConvertToInt() && node.path("minimum").canConvertToInt())) {
        unbounded.add(pointer);
      }
      for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        collect(field.getValue(), pointer + "/" + field.getKey(), integers, unbounded);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, integers, unbounded);
      }
    }
  }
}
