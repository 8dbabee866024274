package dev.stateforge.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.diag.SpecPath;

/** For tests: whether a spec path names a key of the spec's schema. */
public final class SpecSchemaPaths {
  private SpecSchemaPaths() {}

  /** Walks the schema: named properties, map entries (additionalProperties) and list items. */
  public static boolean resolves(SpecPath path) {
    JsonNode schema = SpecSchema.deref(SpecSchema.document());
    for (Object element : path.elements()) {
      if (element instanceof Integer) {
        schema = SpecSchema.deref(schema.path("items"));
      } else if (schema.path("properties").has((String) element)) {
        schema = SpecSchema.deref(schema.path("properties").path((String) element));
      } else if (schema.path("additionalProperties").isObject()) {
        schema = SpecSchema.deref(schema.path("additionalProperties"));
      } else {
        return false;
      }
      if (schema.isMissingNode()) {
        return false;
      }
    }
    return true;
  }
}
