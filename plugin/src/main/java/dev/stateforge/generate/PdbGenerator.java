package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.DisruptionSpec;
import dev.stateforge.spec.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/**
 * The PodDisruptionBudget. {@code unhealthyPodEvictionPolicy} is always written, so the behaviour
 * does not depend on the cluster's default. A quorum budget is computed from the replicas of the
 * spec it is given, so each environment's budget follows its own replica count.
 */
public final class PdbGenerator {
  private PdbGenerator() {}

  public static Optional<OutputObject> generate(AppSpec app) {
    DisruptionSpec budget = app.disruption();
    if (!budget.enabled()) {
      return Optional.empty();
    }
    PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder()
        .withMetadata(Metadata.forApp(app, app.name()))
        .withNewSpec()
        .withMaxUnavailable(budget.quorum()
            ? new IntOrString(DisruptionSpec.quorumLoss(app.replicas()))
            : intOrString(budget.maxUnavailable()))
        .withMinAvailable(intOrString(budget.minAvailable()))
        .withNewSelector()
        .withMatchLabels(Labels.selector(app))
        .endSelector()
        .withUnhealthyPodEvictionPolicy(budget.unhealthyPodEvictionPolicy())
        .endSpec()
        .build();
    return Optional.of(OutputObject.of(pdb));
  }

  static IntOrString intOrString(IntOrPercent value) {
    if (value == null) {
      return null;
    }
    return value.isPercent() ? new IntOrString(value.toString()) : new IntOrString(value.count());
  }
}
