package dev.stateforge.verify;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.stateforge.generate.OutputObject;

/**
 * One way an object breaks its Kubernetes schema.
 *
 * @param pointer the JSON pointer of the offending field (for an unknown field, the field itself)
 * @param newerVersion the newest supported Kubernetes minor whose schema accepts the object, when the
 *     target version's does not: the field exists, just not in the target version; else null
 */
public record SchemaViolation(OutputObject target, String pointer, String message, String newerVersion) {

  static SchemaViolation of(OutputObject target, Error error, String newerVersion) {
    String pointer = pointer(error.getInstanceLocation());
    String message = error.getMessage();
    int colon = message.indexOf(": ");
    if (colon > 0 && (message.startsWith("/") || message.startsWith("$"))) {
      message = message.substring(colon + 2);
    }
    if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
      pointer = pointer + "/" + error.getProperty();
      message = "unknown field \"" + error.getProperty() + "\"";
    } else if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      message = "missing required field \"" + error.getProperty() + "\"";
    } else if ("pattern".equals(error.getKeyword()) && String.valueOf(error.getSchemaNode()).contains("[KMGTPE]i")) {
      message = "\"" + error.getInstanceNode().asText() + "\" is not a quantity (such as 10Gi or 500m, no spaces)";
    }
    return new SchemaViolation(target, pointer, message, newerVersion);
  }

  static String pointer(NodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      out.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }
}
