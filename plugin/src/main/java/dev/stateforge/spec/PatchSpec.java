package dev.stateforge.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One spec-level patch: JSON 6902 operations on one generated object, applied after generation and
 * before verification, so the strict schemas, the policy rules and the data-safety guard check the
 * patched object, and the patched object is what is written.
 *
 * @param kind the target's kind ({@code StatefulSet})
 * @param name the target's name; the app's name when the spec gives none
 */
public record PatchSpec(String kind, String name, List<Operation> operations) {

  public PatchSpec {
    operations = List.copyOf(operations);
  }

  /** {@code StatefulSet/orders-db}, as kubectl names objects. */
  public String target() {
    return kind + "/" + name;
  }

  /**
   * One RFC 6902 operation.
   *
   * @param op add, remove, replace, test, move or copy
   * @param path a JSON pointer into the target ({@code /spec/template/spec/hostNetwork})
   * @param value null for remove, move and copy; a private copy, never changed
   * @param from the pointer that move and copy take their value from; null for the others
   */
  public record Operation(String op, String path, JsonNode value, String from) {
    public Operation {
      value = value == null ? null : value.deepCopy();
    }

    /** The operation as RFC 6902 writes it. */
    public JsonNode toJson() {
      var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      node.put("op", op);
      if (from != null) {
        node.put("from", from);
      }
      node.put("path", path);
      if (value != null) {
        node.set("value", value.deepCopy());
      }
      return node;
    }
  }
}
