package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.diag.ValueMask;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resolved spec as Jackson nodes, converted value by value (no JSON text in between). A number
 * is taken from the text that was written, never from the double Lightbend made of it ({@code 1e400}
 * is Infinity there, {@code 1.8446744073709552e19} loses its digits), so that the schema check
 * compares exact values: whole numbers become integer nodes, which the schema validator compares
 * exactly (it misreads big decimal nodes).
 */
final class SpecTree {
  /** No spec key takes a number beyond Kubernetes' int64, or with more than this many decimals. */
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final int MAX_SCALE = 30;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ConfigSourceMap.OriginNames origins;
  private final String file;
  private final List<Diagnostic> problems = new ArrayList<>();

  private SpecTree(ConfigSourceMap.OriginNames origins, String file) {
    this.origins = origins;
    this.file = file;
  }

  /** The tree, or empty after reporting each number that no spec key can take. */
  static Optional<ObjectNode> of(ConfigObject root, ConfigSourceMap.OriginNames origins, String file, Diagnostics out) {
    SpecTree converter = new SpecTree(origins, file);
    ObjectNode tree = (ObjectNode) converter.convert(root, SpecPath.ROOT);
    out.addAll(converter.problems);
    return converter.problems.isEmpty() ? Optional.of(tree) : Optional.empty();
  }

  private JsonNode convert(ConfigValue value, SpecPath path) {
    switch (value.valueType()) {
      case OBJECT: {
        ObjectNode object = NODES.objectNode();
        ((ConfigObject) value).forEach((key, child) -> object.set(key, convert(child, path.key(key))));
        return object;
      }
      case LIST: {
        ArrayNode list = NODES.arrayNode();
        ConfigList items = (ConfigList) value;
        for (int i = 0; i < items.size(); i++) {
          list.add(convert(items.get(i), path.index(i)));
        }
        return list;
      }
      case NUMBER:
        return number(value, path);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value.unwrapped());
      case NULL:
        return NODES.nullNode();
      case STRING:
        return NODES.textNode((String) value.unwrapped());
      default:
        throw new StateforgeBug("unexpected HOCON value type " + value.valueType());
    }
  }

  private JsonNode number(ConfigValue value, SpecPath path) {
    String written = value.render();
    BigDecimal exact;
    try {
      exact = new BigDecimal(written);
    } catch (NumberFormatException e) {
      exact = null; // not plain number text (a number Lightbend built); its double is all there is
    }
    if (exact == null) {
      double d = ((Number) value.unwrapped()).doubleValue();
      exact = Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
    boolean tooLarge = exact == null || exact.compareTo(MAX) > 0 || exact.compareTo(MIN) < 0;
    if (tooLarge || exact.scale() > MAX_SCALE) {
      Location where = value.origin() == null ? null : origins.locationOf(value.origin());
      String shown = exact == null ? "the number" : ValueMask.cut(written);
      problems.add(Diagnostic.error(Codes.OUT_OF_RANGE, where == null ? Location.of(file, 0) : where, path,
              tooLarge
                  ? shown + " is beyond the range of any number in a spec, that of a Kubernetes int64 ("
                      + MIN.toPlainString() + " to " + MAX.toPlainString() + ")"
                  : shown + " has more than " + MAX_SCALE + " decimal places")
          .withHint("use a number in the range of the key; the spec reference gives each key's range"));
      return NODES.numberNode(0);
    }
    if (exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0) {
      BigInteger whole = exact.toBigIntegerExact();
      return whole.bitLength() < 32 ? NODES.numberNode(whole.intValue()) : NODES.numberNode(whole.longValue());
    }
    return NODES.numberNode(exact);
  }
}
