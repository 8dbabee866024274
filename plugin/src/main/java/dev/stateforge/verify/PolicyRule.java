package dev.stateforge.verify;

import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import java.util.List;

/**
 * A best-practice check on output objects, in the spirit of kube-score, kube-linter, Polaris and the
 * Pod Security Standards. Each rule has a stable id (its documentation page and the key that
 * acknowledges it), a severity, and checks objects without side effects.
 */
public interface PolicyRule {

  /** Stable, greppable id such as {@code pss-run-as-non-root}. */
  String id();

  Severity severity();

  /** One line on what the rule asks for. */
  String title();

  /**
   * Whether accepting a finding would write a secret into Git: then an acknowledgement alone leaves it
   * an error, unless the owner also consents where it is found ({@link Placement#allowsSecretInGit}).
   */
  default boolean writesSecret() {
    return false;
  }

  /** The findings for {@code objects}; {@code all} is every object of the same build, for cross-references. */
  List<Finding> check(OutputObject object, ObjectSet all);
}
