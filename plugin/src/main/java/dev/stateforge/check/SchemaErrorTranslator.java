package dev.stateforge.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.SpecSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one networknt schema error into a diagnostic a person can act on: the spec path, a message
 * in plain words, and a hint where one helps ("did you mean replicas?", "did you mean 50Gi?").
 */
final class SchemaErrorTranslator {
  private SchemaErrorTranslator() {}

  static Diagnostic translate(Error error, SourceMap sourceMap) {
    SpecPath path = InputSchemaCheck.specPath(error.getInstanceLocation());
    JsonNode owner = ownerSchema(error);
    JsonNode value = error.getInstanceNode();
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    switch (keyword) {
      case "additionalProperties": {
        String key = error.getProperty();
        SpecPath keyPath = path.key(key);
        Diagnostic d = Diagnostic.error(Codes.UNKNOWN_KEY, sourceMap.locate(keyPath), keyPath,
            "unknown key \"" + ValueMask.cut(key) + "\"");
        List<String> known = SpecSchema.propertyNames(owner);
        String guess = Suggestions.closest(key, known);
        if (guess != null) {
          return d.withHint("did you mean \"" + guess + "\"?");
        }
        return known.isEmpty() ? d : d.withHint("known keys here: " + String.join(", ", known));
      }
      case "required": {
        String key = error.getProperty();
        SpecPath keyPath = path.key(key);
        JsonNode keySchema = SpecSchema.deref(owner.path("properties").path(key));
        String condition = "";
        if (keySchema.isMissingNode()) {
          // A key required only by an if/then branch: the branch's own description says why; else the key's
          // description in the object the branch belongs to says what it is.
          condition = owner.path("description").asText("");
          keySchema = SpecSchema.deref(SpecSchema.at(parentPointer(error)).path("properties").path(key));
        }
        Diagnostic d = Diagnostic.error(Codes.MISSING_KEY, sourceMap.locate(path), keyPath,
            "missing required key \"" + key + "\"");
        String description = condition.isEmpty() ? keySchema.path("description").asText("") : condition;
        return description.isEmpty() ? d : d.withHint(firstSentence(description));
      }
      case "type":
        return Diagnostic.error(Codes.WRONG_TYPE, at(sourceMap, path), path,
            "expected " + expectedTypes(owner.path("type")) + ", got " + describe(value, path));
      case "enum": {
        List<String> allowed = new ArrayList<>();
        owner.path("enum").forEach(v -> allowed.add(v.asText()));
        Diagnostic d = Diagnostic.error(Codes.NOT_ALLOWED, at(sourceMap, path), path,
            describe(value, path) + " is not one of " + String.join(", ", allowed));
        String guess = value != null && value.isTextual() ? Suggestions.closest(value.asText(), allowed) : null;
        return guess == null ? d : d.withHint("did you mean \"" + guess + "\"?");
      }
      case "pattern":
        return patternMismatch(owner, path, value, sourceMap);
      case "minimum":
      case "exclusiveMinimum":
        return Diagnostic.error(Codes.OUT_OF_RANGE, at(sourceMap, path), path,
            describe(value, path) + " is below the minimum of " + owner.path("minimum").asText());
      case "maximum":
      case "exclusiveMaximum":
        return Diagnostic.error(Codes.OUT_OF_RANGE, at(sourceMap, path), path,
            describe(value, path) + " is above the maximum of " + owner.path("maximum").asText());
      case "maxLength":
        return tooLong(owner, path, value, sourceMap);
      case "minLength":
        return Diagnostic.error(Codes.TOO_SHORT, at(sourceMap, path), path,
            owner.path("minLength").asInt() <= 1
                ? "must not be empty"
                : "must be at least " + owner.path("minLength").asInt() + " characters");
      case "minItems":
        return Diagnostic.error(Codes.TOO_SHORT, at(sourceMap, path), path,
            "needs at least " + owner.path("minItems").asInt() + " item(s)");
      case "maxItems":
        return Diagnostic.error(Codes.TOO_LONG, at(sourceMap, path), path,
            "holds more than " + owner.path("maxItems").asInt() + " items");
      case "uniqueItems":
        return Diagnostic.error(Codes.DUPLICATE_ITEM, at(sourceMap, path), path, "lists an item twice");
      case "minProperties":
      case "maxProperties":
        return propertyCount(error, owner, path, sourceMap);
      case "not": {
        List<String> keys = requiredOf(owner.path("not"));
        if (keys.size() == 1) {
          // a key that the other keys rule out (a patch operation's value with op = move): the branch says why
          Diagnostic d = Diagnostic.error(Codes.CONFLICTING_KEYS, at(sourceMap, path), path,
              "\"" + keys.get(0) + "\" does not go with the other keys here");
          String why = owner.path("description").asText("");
          return why.isEmpty() ? d : d.withHint(firstSentence(why));
        }
        return Diagnostic.error(Codes.CONFLICTING_KEYS, at(sourceMap, path), path,
            "give " + String.join(" or ", keys) + ", not both");
      }
      case "propertyNames": {
        String key = error.getProperty();
        SpecPath keyPath = path.key(key);
        JsonNode names = SpecSchema.deref(owner.path("propertyNames"));
        return Diagnostic.error(Codes.BAD_NAME, sourceMap.locate(keyPath), keyPath,
                "\"" + ValueMask.cut(key) + "\" is not a valid name here")
            .withHint(firstSentence(names.path("description").asText("use lowercase letters, digits and '-'")));
      }
      case "if":
      case "then":
      case "else":
      case "$ref":
        return null; // the nested keyword's own error says what is wrong
      default:
        return Diagnostic.error(Codes.SCHEMA, at(sourceMap, path), path, stripPath(error.getMessage()));
    }
  }

  private static Diagnostic patternMismatch(JsonNode owner, SpecPath path, JsonNode value, SourceMap sourceMap) {
    String text = value == null ? "" : value.asText();
    String quoted = ValueMask.quote(path, text);
    if (ValueMask.hides(path)) {
      text = ""; // no suggestion either: it would repeat the value
    }
    String format = owner.path("x-stateforge-format").asText("");
    Location where = at(sourceMap, path);
    switch (format) {
      case "quantity": {
        Diagnostic d = Diagnostic.error(Codes.QUANTITY_FORMAT, where, path, quoted + " is not a quantity");
        String fix = Quantity.suggest(text);
        return d.withHint(fix != null
            ? "did you mean \"" + fix + "\"?"
            : "write a number with an optional unit and no space, such as 50Gi, 512Mi or 500m");
      }
      case "app-name":
        return Diagnostic.error(Codes.NAME_FORMAT, where, path, quoted + " is not a valid app name")
            .withHint(nameHint(text, true));
      case "dns-label":
        return Diagnostic.error(Codes.NAME_FORMAT, where, path, quoted + " is not a DNS-1123 label")
            .withHint(nameHint(text, false));
      case "int-or-percent":
        return Diagnostic.error(Codes.PERCENT_FORMAT, where, path, quoted + " is not a percentage")
            .withHint("write a whole number of pods, or a percentage such as \"25%\"");
      case "budget-size":
        return Diagnostic.error(Codes.PERCENT_FORMAT, where, path, quoted + " is not a count, a percentage or quorum")
            .withHint("write a whole number of pods, a percentage such as \"25%\", or quorum");
      case "image":
        return Diagnostic.error(Codes.IMAGE_FORMAT, where, path, quoted + " is not an image reference")
            .withHint("an image reference has no spaces, for example postgres:16.4");
      default:
        return Diagnostic.error(Codes.PATTERN, where, path, quoted + " does not have the expected form")
            .withHint(owner.has("description")
                ? firstSentence(owner.get("description").asText())
                : "expected a match for " + owner.path("pattern").asText());
    }
  }

  private static Diagnostic tooLong(JsonNode owner, SpecPath path, JsonNode value, SourceMap sourceMap) {
    int max = owner.path("maxLength").asInt();
    String text = value == null ? "" : value.asText();
    Diagnostic d = Diagnostic.error(Codes.TOO_LONG, at(sourceMap, path), path,
        ValueMask.quote(path, text) + " is " + text.length() + " characters long; at most " + max + " are allowed");
    if ("app-name".equals(owner.path("x-stateforge-format").asText())) {
      return d.withHint("each pod's hostname and the StatefulSet's controller-revision-hash label are built "
          + "from the name, and a label value may not exceed 63 characters");
    }
    return d;
  }

  private static Diagnostic propertyCount(Error error, JsonNode owner, SpecPath path, SourceMap sourceMap) {
    String location = error.getSchemaLocation().toString();
    Location where = at(sourceMap, path);
    if (location.contains("/definitions/envVar")) {
      return Diagnostic.error(Codes.ENV_SOURCE, where, path, "give exactly one of value, secret, configMap, field or resource");
    }
    if (location.contains("/definitions/probe")) {
      return Diagnostic.error(Codes.PROBE_ACTION, where, path, "give one of tcp, http or exec");
    }
    if (location.contains("/properties/target")) {
      return Diagnostic.error(Codes.BACKUP_TARGET, where, path, "give exactly one of volume, snapshot and objectStorage");
    }
    if (location.contains("/definitions/volumeSnapshotClass")) {
      return Diagnostic.error(Codes.EXISTING_STORAGE_CLASS, where, path,
          "a VolumeSnapshotClass marked existing = true takes no other key")
          .withHint("Stateforge writes nothing for an existing class; drop existing to declare it here instead");
    }
    if (location.contains("/definitions/storageClass")) {
      return Diagnostic.error(Codes.EXISTING_STORAGE_CLASS, where, path,
          "a StorageClass marked existing = true takes no other key")
          .withHint("Stateforge writes nothing for an existing class; drop existing to declare it here instead");
    }
    return Diagnostic.error(Codes.SCHEMA, where, path, stripPath(error.getMessage()));
  }

  private static Location at(SourceMap sourceMap, SpecPath path) {
    return sourceMap.locate(path);
  }

  /** The schema object that holds the failed keyword, with references followed. */
  private static JsonNode ownerSchema(Error error) {
    NodePath fragment = error.getSchemaLocation().getFragment();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      pointer.append('/').append(fragment.getName(i).replace("~", "~0").replace("/", "~1"));
    }
    return SpecSchema.at(pointer.toString());
  }

  /** The object schema that holds the branch (then, else) in which a keyword failed. */
  private static String parentPointer(Error error) {
    NodePath fragment = error.getSchemaLocation().getFragment();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < fragment.getNameCount() - 2; i++) {
      pointer.append('/').append(fragment.getName(i).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  private static List<String> requiredOf(JsonNode schema) {
    List<String> names = new ArrayList<>();
    schema.path("required").forEach(n -> names.add(n.asText()));
    return names;
  }

  private static String expectedTypes(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(article(t.asText())));
    } else {
      names.add(article(type.asText()));
    }
    return String.join(" or ", names);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer" -> "an integer";
      case "object" -> "an object";
      case "array" -> "a list";
      default -> "a " + type;
    };
  }

  static String describe(JsonNode value, SpecPath path) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return ValueMask.quote(path, value.asText());
    }
    if (ValueMask.hides(path) && !value.isContainerNode()) {
      return ValueMask.HIDDEN;
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.toString();
  }

  private static String nameHint(String text, boolean app) {
    String fixed = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[-0-9]+|-+$", "");
    String rule = app
        ? "use lowercase letters, digits and '-', starting with a letter and ending with a letter or digit"
        : "use lowercase letters, digits and '-', starting and ending with a letter or digit";
    return fixed.isEmpty() || fixed.equals(text) ? rule : rule + "; did you mean \"" + ValueMask.cut(fixed) + "\"?";
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    String sentence = end < 0 ? text : text.substring(0, end + 1);
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private static String stripPath(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && (message.startsWith("/") || message.startsWith("$")) ? message.substring(colon + 2) : message;
  }
}
