package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.DisruptionSpec;
import java.util.List;

/**
 * A PodDisruptionBudget that allows no eviction at all (one replica with minAvailable 1,
 * maxUnavailable 0, minAvailable 100%) makes every node drain and cluster upgrade hang. It is an
 * error unless the spec acknowledges it with a reason.
 */
public final class PdbBlocksDrainRule implements SpecRule {
  public static final String CODE = "pdb-blocks-drain";

  @Override
  public List<Diagnostic> check(AppSpec app, SourceMap sourceMap) {
    DisruptionSpec budget = app.disruption();
    boolean blocks = budget.enabled() && app.replicas() > 0 && allowedDisruptions(budget, app.replicas()) <= 0;
    var reason = app.acknowledgement(CODE);
    if (!blocks) {
      return reason.map(r -> List.of(Diagnostic.warning("acknowledgement-unused", sourceMap.locate("acknowledge", CODE),
              "acknowledge." + CODE, "nothing to acknowledge: the disruption budget allows evictions")
          .withHint("remove this acknowledgement"))).orElse(List.of());
    }
    SpecPath path = SpecPath.of("disruption", budget.minAvailable() != null ? "minAvailable" : "maxUnavailable");
    String what = budget.minAvailable() != null
        ? "minAvailable " + budget.minAvailable() + " with " + app.replicas() + " replica(s)"
        : "maxUnavailable " + budget.maxUnavailable();
    if (reason.isPresent()) {
      return List.of(Diagnostic.note(CODE, sourceMap.locate("acknowledge", CODE), path.toString(),
          "the disruption budget (" + what + ") blocks every eviction; acknowledged: " + reason.get()));
    }
    return List.of(Diagnostic.error(CODE, sourceMap.locate(path), path.toString(),
            "the disruption budget (" + what + ") allows no pod to be evicted, so node drains and cluster upgrades hang")
        .withHint("use disruption.maxUnavailable = 1, or acknowledge { " + CODE + " = \"why\" } to keep it on purpose"));
  }

  /** How many pods the budget lets the eviction API take at once, with every pod healthy. */
  static int allowedDisruptions(DisruptionSpec budget, int replicas) {
    if (budget.minAvailable() != null) {
      return replicas - budget.minAvailable().resolve(replicas);
    }
    return budget.maxUnavailable().resolve(replicas);
  }
}
