package dev.stateforge.verify;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import java.util.List;

/**
 * A best-practice check on output objects, in the spirit of kube-score, kube-linter, Polaris and the
 * Pod Security Standards. Each rule has a stable id (its documentation page and the key that
 * acknowledges it), a severity, and checks objects without side effects.
 */
public interface PolicyRule {

  /** Its code in {@link dev.stateforge.diag.Codes}, such as {@code pss-run-as-non-root}: the page and the key that acknowledges it. */
  Code code();

  /** The code's id. */
  default String id() {
    return code().id();
  }

  Severity severity();

  /** One line on what the rule asks for. */
  String title();

  /**
   * Whether accepting a finding would write a secret into Git: then an acknowledgement alone leaves it
   * an error, unless the owner also lists the finding's spec path under {@link PolicyCheck#WRITE_SECRETS_KEY}.
   */
  default boolean writesSecret() {
    return false;
  }

  /** The findings for {@code objects}; {@code all} is every object of the same build, for cross-references. */
  List<Finding> check(OutputObject object, ObjectSet all);
}
