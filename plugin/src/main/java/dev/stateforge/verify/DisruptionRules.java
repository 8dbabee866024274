package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/** Disruption budgets: present, explicit about unhealthy pods, and never blocking every drain. */
final class DisruptionRules {
  private DisruptionRules() {}

  static List<PolicyRule> all() {
    return List.of(new BudgetPresent(), new UnhealthyPodEvictionPolicy(), new BlocksDrain());
  }

  /** Without a budget a drain may evict every replica at once. */
  static final class BudgetPresent extends AbstractRule {
    BudgetPresent() {
      super(Codes.PDB_PRESENT, Severity.WARNING, "StatefulSets with more than one replica should have a PodDisruptionBudget");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StatefulSet set) || WorkloadRules.replicas(set) <= 1) {
        return List.of();
      }
      return all.hasBudget(set) ? List.of() : List.of(finding(object, "/spec", SpecKeys.DISRUPTION_ENABLED,
          object.displayName() + " has no PodDisruptionBudget, so a drain may evict every replica at once",
          "keep disruption.enabled = true (the default)"));
    }
  }

  /** The default (IfHealthyBudget) lets one crash-looping pod block every drain; say what you mean. */
  static final class UnhealthyPodEvictionPolicy extends AbstractRule {
    UnhealthyPodEvictionPolicy() {
      super(Codes.PDB_UNHEALTHY_EVICTION_POLICY, Severity.WARNING, "PodDisruptionBudgets should set unhealthyPodEvictionPolicy");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof PodDisruptionBudget pdb) || pdb.getSpec() == null
          || pdb.getSpec().getUnhealthyPodEvictionPolicy() != null) {
        return List.of();
      }
      return List.of(finding(object, "/spec", SpecKeys.DISRUPTION_EVICTION_POLICY,
          object.displayName() + " leaves unhealthyPodEvictionPolicy to the cluster default",
          "set unhealthyPodEvictionPolicy: AlwaysAllow, so pods that are not ready never block a drain"));
    }
  }

  /** A budget that allows no eviction makes every node drain and cluster upgrade hang. */
  static final class BlocksDrain extends AbstractRule {
    BlocksDrain() {
      super(Codes.PDB_BLOCKS_DRAIN, Severity.ERROR, "PodDisruptionBudgets must allow at least one eviction");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof PodDisruptionBudget pdb) || pdb.getSpec() == null) {
        return List.of();
      }
      Integer replicas = all.budgetTarget(pdb).map(WorkloadRules::replicas).orElse(null);
      IntOrString min = pdb.getSpec().getMinAvailable();
      IntOrString max = pdb.getSpec().getMaxUnavailable();
      Integer allowed = null;
      if (min != null) {
        if (isPercent(min)) {
          int percent = percent(min);
          if (percent >= 100) {
            allowed = 0;
          } else if (percent >= 0 && replicas != null) {
            allowed = replicas - ceil(replicas, percent);
          }
        } else if (replicas != null && min.getIntVal() != null) {
          allowed = replicas - min.getIntVal();
        }
      } else if (max != null) {
        if (!isPercent(max)) {
          allowed = max.getIntVal();
        } else if (percent(max) == 0) {
          allowed = 0;
        } else if (percent(max) > 0 && replicas != null) {
          allowed = ceil(replicas, percent(max));
        }
      }
      if (allowed == null || allowed > 0 || (replicas != null && replicas == 0)) {
        return List.of();
      }
      String field = min != null ? "minAvailable" : "maxUnavailable";
      String what = field + " " + (min != null ? text(min) : text(max)) + (replicas != null ? " with " + replicas + " replica(s)" : "");
      return List.of(finding(object, "/spec/" + field, SpecKeys.disruption(field),
          object.displayName() + " (" + what + ") allows no pod to be evicted, so node drains and cluster upgrades hang",
          "use disruption.maxUnavailable = 1, or acknowledge { pdb-blocks-drain = \"why\" } to keep it on purpose"));
    }

    private static boolean isPercent(IntOrString v) {
      return v.getStrVal() != null;
    }

    /** The percentage, or -1 when the text is not one (the API server rejects it; the schema does not say). */
    private static int percent(IntOrString v) {
      String digits = v.getStrVal().replace("%", "").trim();
      if (!digits.matches("[0-9]{1,9}")) {
        return -1;
      }
      return Integer.parseInt(digits);
    }

    private static int ceil(int replicas, int percent) {
      return (int) Math.ceil((double) replicas * percent / 100.0);
    }

    private static String text(IntOrString v) {
      return isPercent(v) ? v.getStrVal() : String.valueOf(v.getIntVal());
    }
  }
}
