package dev.stateforge.verify;

import dev.stateforge.diag.Diagnostic;
import java.util.List;

/**
 * Runs every policy rule over a set of objects and turns the findings into diagnostics. A finding
 * whose rule the owner acknowledged (with a reason) becomes a note that repeats the reason.
 */
public final class PolicyCheck {
  private PolicyCheck() {}

  public static List<Diagnostic> run(ObjectSet objects, Placement placement) {
    return findings(objects).stream().map(f -> toDiagnostic(f, placement)).toList();
  }

  /** Every finding of every rule, object by object in the set's order. */
  public static List<Finding> findings(ObjectSet objects) {
    // Rules are pure and the set's indexes are synchronized: check objects on every core, keep their order.
    return objects.objects().parallelStream()
        .flatMap(object -> PolicyRules.all().stream().flatMap(rule -> rule.check(object, objects).stream()))
        .toList();
  }

  public static Diagnostic toDiagnostic(Finding finding, Placement placement) {
    String subject = placement.subjectOf(finding);
    String message = (subject.isEmpty() ? "" : subject + ": ") + finding.message();
    String reason = placement.acknowledgements(finding).get(finding.ruleId());
    if (reason != null) {
      return Diagnostic.note(finding.ruleId(), placement.locate(finding), placement.pathOf(finding),
          message + "; acknowledged: " + reason);
    }
    return new Diagnostic(finding.severity(), finding.ruleId(), placement.locate(finding), placement.pathOf(finding),
        message, placement.hintOf(finding));
  }
}
