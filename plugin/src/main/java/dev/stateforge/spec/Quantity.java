package dev.stateforge.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 50Gi}, {@code 500m} or {@code 2}. Keeps the text as
 * written (so output matches the spec) and compares by value.
 */
public record Quantity(String text) implements Comparable<Quantity> {

  private static final Pattern FORM =
      Pattern.compile("^((?:[0-9]+(?:\\.[0-9]*)?)|(?:\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
          Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
          Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
          Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
          Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
          Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  /** Units as people write them for disks and memory: GB, gb, GiB, gi. */
  private static final Pattern HUMAN_UNIT =
      Pattern.compile("^((?:[0-9]+(?:\\.[0-9]*)?)|(?:\\.[0-9]+))([kKmMgGtTpPeE])(?:i?[bB]|i)$");

  public Quantity {
    Objects.requireNonNull(text, "text");
    if (!FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("not a quantity: \"" + text + "\"");
    }
  }

  /** Parses a quantity, or returns null when the text is not one. */
  public static Quantity parseOrNull(String text) {
    return text != null && FORM.matcher(text).matches() ? new Quantity(text) : null;
  }

  /** The amount in base units (bytes, cores). */
  public BigDecimal value() {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalStateException(text);
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return number.multiply(SUFFIXES.get(suffix));
  }

  public boolean isZero() {
    return value().signum() == 0;
  }

  /**
   * A likely intended spelling for a string that is not a quantity, or null: {@code "50 Gi"} gives
   * {@code 50Gi}; {@code "10GB"}, {@code "10gb"} and {@code "10GiB"} give {@code 10Gi}.
   */
  public static String suggest(String text) {
    String squeezed = text.replaceAll("\\s+", "");
    if (FORM.matcher(squeezed).matches()) {
      return squeezed;
    }
    Matcher unit = HUMAN_UNIT.matcher(squeezed);
    if (unit.matches()) {
      String prefix = unit.group(2).toUpperCase(Locale.ROOT);
      return unit.group(1) + ("K".equals(prefix) ? "Ki" : prefix + "i");
    }
    return null;
  }

  @Override
  public int compareTo(Quantity other) {
    return value().compareTo(other.value());
  }

  @Override
  public String toString() {
    return text;
  }
}
