package dev.stateforge.verify;

import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;

/** Id, severity and title of a rule, and a helper to report against it. */
abstract class AbstractRule implements PolicyRule {
  private final String id;
  private final Severity severity;
  private final String title;

  AbstractRule(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }

  @Override
  public String id() {
    return id;
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
