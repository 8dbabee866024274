package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.spec.SpecSchema;
import java.util.Iterator;
import java.util.Map;

/**
 * Fills in the {@code default} of every property the spec leaves out, walking the tree along the
 * schema. Defaults live only in the schema, so the spec reference and the compiler cannot disagree.
 * An object is created for a missing property only when its schema says {@code "default": {}}.
 */
public final class SchemaDefaults {
  private SchemaDefaults() {}

  /** Returns a copy of {@code tree} with defaults applied; the input is not changed. */
  public static ObjectNode apply(ObjectNode tree) {
    ObjectNode copy = tree.deepCopy();
    fill(copy, SpecSchema.document());
    return copy;
  }

  private static void fill(ObjectNode node, JsonNode rawSchema) {
    JsonNode schema = SpecSchema.deref(rawSchema);
    JsonNode properties = schema.path("properties");
    Iterator<Map.Entry<String, JsonNode>> declared = properties.fields();
    while (declared.hasNext()) {
      Map.Entry<String, JsonNode> property = declared.next();
      JsonNode propertySchema = SpecSchema.deref(property.getValue());
      if (!node.has(property.getKey()) && propertySchema.has("default")) {
        node.set(property.getKey(), propertySchema.get("default").deepCopy());
      }
      JsonNode value = node.get(property.getKey());
      if (value instanceof ObjectNode child) {
        fill(child, propertySchema);
      } else if (value instanceof ArrayNode items && propertySchema.path("items").isObject()) {
        // a list of objects (initContainers, sidecars): each element has the items' defaults
        for (JsonNode item : items) {
          if (item instanceof ObjectNode element) {
            fill(element, propertySchema.get("items"));
          }
        }
      }
    }
    JsonNode additional = schema.path("additionalProperties");
    if (additional.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        if (!properties.has(entry.getKey()) && entry.getValue() instanceof ObjectNode child) {
          fill(child, additional);
        }
      }
    }
  }
}
