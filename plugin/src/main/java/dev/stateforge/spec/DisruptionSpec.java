package dev.stateforge.spec;

/**
 * The PodDisruptionBudget. When enabled, exactly one of {@code maxUnavailable}, {@code minAvailable}
 * and {@code quorum} says how many pods a drain may take.
 *
 * @param quorum {@code maxUnavailable = quorum}: as many members as a majority can lose, computed
 *     from the replicas of each environment (see {@link #quorumLoss})
 */
public record DisruptionSpec(
    boolean enabled, IntOrPercent maxUnavailable, IntOrPercent minAvailable, boolean quorum, String unhealthyPodEvictionPolicy) {

  /**
   * Members that may be down while a majority of {@code replicas} stays up: 1 of 3 or 4, 2 of 5.
   * Below 3 members there is no failure a quorum survives; the budget still lets a drain take one
   * (a budget of 0 would block every node drain, which single-replica already warns about).
   */
  public static int quorumLoss(int replicas) {
    return Math.max(1, (replicas - 1) / 2);
  }
}
