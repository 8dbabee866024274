package dev.stateforge.verify;

import dev.stateforge.diag.Diagnostic;
import java.util.List;

/**
 * Runs every policy rule over a set of objects and turns the findings into diagnostics. A finding
 * whose rule the owner acknowledged (with a reason) becomes a note that repeats the reason.
 */
public final class PolicyCheck {
  /** The spec key that lists, by spec path, the secret-looking literals its owner wants written into Git. */
  public static final String WRITE_SECRETS_KEY = "writeSecretsToGitInPlainText";

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
    if (reason != null && finding.rule().writesSecret() && !placement.allowsSecretInGit(finding)) {
      return new Diagnostic(finding.severity(), finding.ruleId(), placement.locate(finding), placement.pathOf(finding),
          message + "; it is acknowledged, but an acknowledgement alone never writes a secret into Git",
          "reference a Secret; only for a throwaway value, also list \"" + finding.specPath()
              + "\" in " + WRITE_SECRETS_KEY + ", which writes it into Git in plain text for everyone with access to the repository");
    }
    if (reason != null) {
      return Diagnostic.note(finding.ruleId(), placement.locate(finding), placement.pathOf(finding),
          message + "; acknowledged: " + reason);
    }
    return new Diagnostic(finding.severity(), finding.ruleId(), placement.locate(finding), placement.pathOf(finding),
        message, placement.hintOf(finding));
  }
}
