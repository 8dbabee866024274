package dev.stateforge.verify;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;

/** Id, severity and title of a rule, and a helper to report against it. */
abstract class AbstractRule implements PolicyRule {
  private final Code code;
  private final Severity severity;
  private final String title;

  AbstractRule(Code code, Severity severity, String title) {
    this.code = code;
    this.severity = severity;
    this.title = title;
  }

  @Override
  public Code code() {
    return code;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String title() {
    return title;
  }

  Finding finding(OutputObject target, String pointer, SpecPath specPath, String message, String hint) {
    return new Finding(this, target, pointer, specPath, message, hint, severity);
  }

  /** A finding milder than the rule's own severity, for when the rule can only guess. */
  Finding guess(OutputObject target, String pointer, SpecPath specPath, String message, String hint) {
    return new Finding(this, target, pointer, specPath, message, hint, Severity.WARNING);
  }
}
