package dev.stateforge.verify;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SpecPath;
import java.util.List;

/** Runs every policy rule over a set of objects and places each finding as a diagnostic. */
public final class PolicyCheck {
  /** The spec key that lists, by spec path, the secret-looking literals its owner wants written into Git. */
  public static final String WRITE_SECRETS_KEY = "writeSecretsToGitInPlainText";

  private PolicyCheck() {}

  /** Every finding of every rule, object by object in the set's order. */
  public static List<Finding> findings(ObjectSet objects) {
    // Rules are pure and the set's indexes are synchronized: check objects on every core, keep their order.
    return objects.objects().parallelStream()
        .flatMap(object -> PolicyRules.all().stream().flatMap(rule -> rule.check(object, objects).stream()))
        .toList();
  }

  /** A finding as reported, before any acknowledgement. */
  public static Diagnostic toDiagnostic(Finding finding, Placement placement) {
    return new Diagnostic(finding.severity(), finding.rule().code(), placement.locate(finding), placement.pathOf(finding),
        placement.subjectOf(finding).onObject(finding.target().displayName()),
        finding.message(), placement.hintOf(finding));
  }

  /**
   * A finding that would write a secret into Git, acknowledged but without the owner's consent under
   * {@link #WRITE_SECRETS_KEY}: it stays what it was, and says why.
   */
  public static Diagnostic acknowledgedWithoutConsent(Diagnostic finding, SpecPath secretPath) {
    return finding.withText(finding.message() + "; it is acknowledged, but an acknowledgement alone never writes a secret into Git",
        "reference a Secret; only for a throwaway value, also list \"" + secretPath
            + "\" in " + WRITE_SECRETS_KEY + ", which writes it into Git in plain text for everyone with access to the repository");
  }
}
