package dev.stateforge.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about the input, printed as {@code file:line: error: spec.path: message [code]} with
 * an optional hint on the next line.
 *
 * @param code a stable, greppable identifier such as {@code quantity-format}; documented on the site
 * @param specPath the path in the spec the finding is about ({@code storage.data.size}), or empty
 * @param hint what to do about it ("did you mean 50Gi?"), or null
 */
public record Diagnostic(
    Severity severity, String code, Location location, String specPath, String message, String hint)
    implements Comparable<Diagnostic> {

  private static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::location)
          .thenComparing(Diagnostic::severity, Comparator.reverseOrder())
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::specPath)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(specPath, "specPath");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(String code, Location location, String specPath, String message) {
    return new Diagnostic(Severity.ERROR, code, location, specPath, message, null);
  }

  public static Diagnostic warning(String code, Location location, String specPath, String message) {
    return new Diagnostic(Severity.WARNING, code, location, specPath, message, null);
  }

  public static Diagnostic note(String code, Location location, String specPath, String message) {
    return new Diagnostic(Severity.NOTE, code, location, specPath, message, null);
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(severity, code, location, specPath, message, newHint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The first line of the printed form, without the hint. */
  public String headline() {
    StringBuilder out = new StringBuilder();
    String where = location.toString();
    if (!where.isEmpty()) {
      out.append(where).append(": ");
    }
    out.append(severity.label()).append(": ");
    if (!specPath.isEmpty()) {
      out.append(specPath).append(": ");
    }
    return out.append(message).append(" [").append(code).append(']').toString();
  }

  /** The printed form: the headline, then the hint indented on a second line. */
  public String format() {
    return hint == null ? headline() : headline() + "\n    hint: " + hint;
  }

  @Override
  public int compareTo(Diagnostic other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return format();
  }
}
