package dev.stateforge.verify;

import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;

/**
 * What a policy rule found on one object, before it is placed in a file and line.
 *
 * @param pointer where in the object, as a JSON pointer ({@code /spec/template/spec/containers/0})
 * @param specPath the spec key that produced it ({@code resources.cpu}), for findings on compiled
 *     output
 * @param severity the rule's, or a milder one when the rule can only guess
 */
public record Finding(
    PolicyRule rule, OutputObject target, String pointer, SpecPath specPath, String message, String hint,
    Severity severity) {

  public String ruleId() {
    return rule.id();
  }
}
