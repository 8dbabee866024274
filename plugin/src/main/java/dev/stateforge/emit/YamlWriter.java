package dev.stateforge.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.generate.YamlFormat;
import java.nio.charset.StandardCharsets;

/** Writes output files in the one YAML format ({@link YamlFormat}), UTF-8, after comment lines. */
public final class YamlWriter {
  private static final ObjectMapper MAPPER = YamlFormat.MAPPER;

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
      throw new StateforgeBug("cannot serialize " + content.getClass().getSimpleName() + " to YAML", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
