package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.spec.DisruptionSpec;
import org.junit.jupiter.api.Test;

/** The quorum budget: the members a majority can lose, never a budget that blocks every drain. */
class QuorumBudgetTest {

  @Test
  void aMajorityStaysUp() {
    assertThat(DisruptionSpec.quorumLoss(3)).isEqualTo(1);
    assertThat(DisruptionSpec.quorumLoss(4)).as("4 members keep a quorum of 3").isEqualTo(1);
    assertThat(DisruptionSpec.quorumLoss(5)).isEqualTo(2);
    assertThat(DisruptionSpec.quorumLoss(7)).isEqualTo(3);
    for (int replicas = 3; replicas <= 99; replicas++) {
      int left = replicas - DisruptionSpec.quorumLoss(replicas);
      assertThat(left).as("members left of %s", replicas).isGreaterThan(replicas / 2);
      assertThat(left - 1).as("one more eviction would lose the majority of %s", replicas).isLessThanOrEqualTo(replicas / 2);
    }
  }

  @Test
  void belowThreeMembersADrainMayStillTakeOne() {
    assertThat(DisruptionSpec.quorumLoss(1)).isEqualTo(1);
    assertThat(DisruptionSpec.quorumLoss(2)).isEqualTo(1);
  }
}
