package dev.stateforge.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.diag.StateforgeBug;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of the spec, read once from the {@code stateforge-schema} artifact. It is the
 * source of truth for the spec's shape and defaults.
 */
public final class SpecSchema {
  public static final String RESOURCE = "dev/stateforge/schema/v1/stateforge-spec.schema.json";

  private SpecSchema() {}

  /** The schema document. Shared and never modified. */
  public static JsonNode document() {
    return Holder.DOCUMENT;
  }

  /**
   * The subschema at a JSON pointer into the schema document ({@code /properties/storage}), with
   * {@code $ref}s followed, or a missing node.
   */
  public static JsonNode at(String pointer) {
    return deref(document().at(pointer));
  }

  /**
   * Follows a local {@code $ref} ({@code #/definitions/…}), merging sibling keywords over it. The
   * schema never changes, so each node is resolved once and remembered by identity.
   */
  public static JsonNode deref(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    synchronized (RESOLVED) {
      JsonNode known = RESOLVED.get(node);
      if (known != null) {
        return known;
      }
    }
    JsonNode resolved = resolve(node);
    synchronized (RESOLVED) {
      RESOLVED.put(node, resolved);
    }
    return resolved;
  }

  private static final Map<JsonNode, JsonNode> RESOLVED = new IdentityHashMap<>();

  private static JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int depth = 0; current.has("$ref") && depth < 16; depth++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new StateforgeBug("the spec schema may only use local $ref: " + ref);
      }
      JsonNode target = document().at(ref.substring(1));
      var merged = target.deepCopy();
      if (merged.isObject()) {
        Iterator<String> names = current.fieldNames();
        while (names.hasNext()) {
          String name = names.next();
          if (!"$ref".equals(name)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) merged).set(name, current.get(name));
          }
        }
      }
      current = merged;
    }
    return current;
  }

  /** The property names a subschema declares, in schema order. */
  public static List<String> propertyNames(JsonNode schema) {
    List<String> names = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static final class Holder {
    static final JsonNode DOCUMENT = load();

    private static JsonNode load() {
      try (InputStream in = SpecSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new StateforgeBug("the spec schema " + RESOURCE + " is missing from the classpath");
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new StateforgeBug("cannot read the spec schema " + RESOURCE, e);
      }
    }
  }
}
