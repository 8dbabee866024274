package dev.stateforge.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Generated objects as JSON trees, serialized as the YAML writer serializes them (nulls left out, maps sorted). */
public final class ObjectTrees {
  static final ObjectMapper JSON = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private ObjectTrees() {}

  public static JsonNode toTree(Object object) {
    return JSON.valueToTree(object);
  }
}
