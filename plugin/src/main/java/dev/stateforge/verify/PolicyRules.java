package dev.stateforge.verify;

import java.util.ArrayList;
import java.util.List;

/** Every policy rule, in a fixed order; registered here rather than discovered, to keep start-up cheap. */
public final class PolicyRules {
  private static final List<PolicyRule> ALL = build();

  private PolicyRules() {}

  public static List<PolicyRule> all() {
    return ALL;
  }

  private static List<PolicyRule> build() {
    List<PolicyRule> rules = new ArrayList<>();
    rules.addAll(PodSecurityRules.all());
    rules.addAll(WorkloadRules.all());
    rules.addAll(ReplicationRules.all());
    rules.add(new EnvReferenceRule());
    rules.add(new FeatureGateRule());
    rules.addAll(DisruptionRules.all());
    rules.addAll(StorageRules.all());
    rules.addAll(JobRules.all());
    rules.add(new BackupRpoRule());
    rules.addAll(GitOpsRules.all());
    return List.copyOf(rules);
  }
}
