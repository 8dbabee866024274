package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a message quotes a value from a spec: never the value of a key that looks secret or of an
 * environment variable, never an allowed variable's value, and never more than a line's worth.
 * Messages go to the build log and SARIF reports, which are kept and shared.
 */
public final class ValueMask {
  public static final String HIDDEN = "(value hidden)";
  /** Enough to recognise a value, short enough for one log line. */
  static final int MAX_QUOTED = 60;
  /** A message may quote Lightbend Config or the schema validator, which do not cut values. */
  static final int MAX_MESSAGE = 1000;
  /** Shorter allowed values (a "1", a "dev") are no secrets, and hiding them would garble every message. */
  static final int MIN_HIDDEN_VARIABLE = 4;

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(pass|pwd|secret|token|key|credential|auth|private|cert|salt|cookie|session|signature|dsn).*");

  private ValueMask() {}

  /** Whether a value at this path must never be shown: under {@code env}, or under a key that looks secret. */
  public static boolean hides(SpecPath path) {
    for (Object element : path.elements()) {
      if (element instanceof String key && (key.equals("env") || SECRET_KEY.matcher(key).matches())) {
        return true;
      }
    }
    return false;
  }

  /** The value in quotes, cut to {@value #MAX_QUOTED} characters, or {@value #HIDDEN}. */
  public static String quote(SpecPath path, String value) {
    return hides(path) ? HIDDEN : "\"" + cut(value) + "\"";
  }

  /** The text, cut to {@value #MAX_QUOTED} characters with an ellipsis. */
  public static String cut(String text) {
    return cut(text, MAX_QUOTED);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /** The diagnostics with every allowed variable's value replaced by {@value #HIDDEN}, and long messages cut. */
  public static List<Diagnostic> hidingVariables(List<Diagnostic> diagnostics, Map<String, String> variables) {
    List<String> values = variables.values().stream()
        .filter(v -> v.length() >= MIN_HIDDEN_VARIABLE)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      String message = cut(hide(d.message(), values), MAX_MESSAGE);
      String hint = d.hint() == null ? null : cut(hide(d.hint(), values), MAX_MESSAGE);
      out.add(d.withText(message, hint));
    }
    return out;
  }

  private static String hide(String text, List<String> values) {
    for (String value : values) {
      text = text.replace(value, HIDDEN);
    }
    return text;
  }
}
