package dev.stateforge.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Generated objects as JSON trees, serialized by the YAML writer's own mapper (nulls left out, maps
 * sorted), whose serializers are then ready for the YAML; {@link #JSON} reads trees back into objects.
 */
public final class ObjectTrees {
  static final ObjectMapper JSON = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private ObjectTrees() {}

  public static JsonNode toTree(Object object) {
    return YamlFormat.MAPPER.valueToTree(object);
  }
}
