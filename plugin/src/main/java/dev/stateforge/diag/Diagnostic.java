package dev.stateforge.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about the input, printed as {@code file:line: error: path: subject: message [code]}
 * with an optional hint on the next line.
 *
 * @param code what kind of finding it is; documented on the site
 * @param path what it is about, in the language of what the user edits, or {@link DiagnosticPath#NONE}
 * @param subject the app, environment and object it is about, printed before the message
 * @param hint what to do about it ("did you mean 50Gi?"), or null
 */
public record Diagnostic(
    Severity severity, Code code, Location location, DiagnosticPath path, Subject subject, String message, String hint)
    implements Comparable<Diagnostic> {

  private static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::location)
          .thenComparing(Diagnostic::severity, Comparator.reverseOrder())
          .thenComparing(d -> d.code().id())
          .thenComparing(d -> d.path().toString())
          .thenComparing(Diagnostic::text);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  public Diagnostic(Severity severity, Code code, Location location, DiagnosticPath path, String message, String hint) {
    this(severity, code, location, path, Subject.NONE, message, hint);
  }

  public static Diagnostic error(Code code, Location location, DiagnosticPath path, String message) {
    return new Diagnostic(Severity.ERROR, code, location, path, message, null);
  }

  public static Diagnostic warning(Code code, Location location, DiagnosticPath path, String message) {
    return new Diagnostic(Severity.WARNING, code, location, path, message, null);
  }

  public static Diagnostic note(Code code, Location location, DiagnosticPath path, String message) {
    return new Diagnostic(Severity.NOTE, code, location, path, message, null);
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(severity, code, location, path, subject, message, newHint);
  }

  public Diagnostic withSubject(Subject newSubject) {
    return new Diagnostic(severity, code, location, path, newSubject, message, hint);
  }

  public Diagnostic withPath(DiagnosticPath newPath) {
    return new Diagnostic(severity, code, location, newPath, subject, message, hint);
  }

  public Diagnostic withText(String newMessage, String newHint) {
    return new Diagnostic(severity, code, location, path, subject, newMessage, newHint);
  }

  public Diagnostic withSeverity(Severity newSeverity) {
    return new Diagnostic(newSeverity, code, location, path, subject, message, hint);
  }

  /**
   * The finding accepted on purpose: a note that repeats the owner's reason. The one place where an
   * acknowledgement changes a diagnostic, for specs and hand-written YAML alike.
   */
  public Diagnostic acknowledged(String reason) {
    return new Diagnostic(Severity.NOTE, code, location, path, subject, message + "; acknowledged: " + reason, null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The message as printed: after the subject. */
  public String text() {
    return subject.prefix() + message;
  }

  /** The first line of the printed form, without the hint. */
  public String headline() {
    StringBuilder out = new StringBuilder();
    String where = location.toString();
    if (!where.isEmpty()) {
      out.append(where).append(": ");
    }
    out.append(severity.label()).append(": ");
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(text()).append(" [").append(code.id()).append(']').toString();
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
