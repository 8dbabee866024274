package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.VariableReferences;
import java.util.List;

/**
 * Env entries are written so that each comes after the entries its {@code $(NAME)}s refer to; entries
 * that refer to each other in a cycle cannot be, and Kubernetes would leave the references as text.
 * Checked for every container's own env: init containers and sidecars are ordered the same way.
 */
public final class EnvReferenceCycleRule implements SpecRule {

  @Override
  public void check(AppSpec app, Reporter report) {
    check(app.env(), SpecPath.of("env"), report);
    for (int i = 0; i < app.initContainers().size(); i++) {
      check(app.initContainers().get(i).env(), SpecPath.of("initContainers").index(i).key("env"), report);
    }
    for (int i = 0; i < app.sidecars().size(); i++) {
      check(app.sidecars().get(i).env(), SpecPath.of("sidecars").index(i).key("env"), report);
    }
  }

  private static void check(List<EnvVarSpec> env, SpecPath under, Reporter report) {
    for (List<String> cycle : VariableReferences.cycles(env)) {
      String first = cycle.get(0);
      SpecPath path = under.key(first);
      boolean itself = cycle.size() == 2;
      String message = itself
          ? first + " refers to itself with $(" + first + "), so Kubernetes leaves it as literal text"
          : String.join(" and ", cycle.subList(0, cycle.size() - 1)) + " refer to each other (" + String.join(" → ", cycle)
              + "): Kubernetes expands a reference only to an entry defined before it, so they keep the literal $(…) text";
      report.error(Codes.ENV_REFERENCE_CYCLE, path, message)
          .hint(itself ? "give " + first + " a value that does not refer to itself" : "give one of them a value that does not refer back");
    }
  }
}
