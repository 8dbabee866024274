package dev.stateforge.emit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.diag.InternalError;
import java.nio.charset.StandardCharsets;

/**
 * The one YAML serializer of the output. Same objects give the same bytes on any machine: LF line
 * breaks whatever the platform, map keys sorted, field order from the model's property order,
 * strings quoted only where YAML would misread them, UTF-8, and a trailing newline.
 */
public final class YamlWriter {
  private static final ObjectMapper MAPPER = YAMLMapper.builder(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private YamlWriter() {}

  /** The YAML of {@code content}, after the given comment lines. */
  public static byte[] write(Object content, String... commentLines) {
    StringBuilder out = new StringBuilder();
    for (String line : commentLines) {
      out.append("# ").append(line).append('\n');
    }
    try {
      out.append(MAPPER.writeValueAsString(content));
    } catch (JsonProcessingException e) {
      throw new InternalError("cannot serialize " + content.getClass().getSimpleName() + " to YAML", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
