package dev.stateforge.spec;


/**
 * How the output is annotated for the GitOps tools that apply it.
 *
 * @param syncWaves Argo CD sync waves by kind of object
 * @param pruneProtection whether objects that hold data are annotated so Argo CD and Flux never delete them
 */
public record GitOpsSpec(SyncWaves syncWaves, boolean pruneProtection) {

  /**
   * The wave of each group of objects; Argo CD applies a wave and waits for it to be healthy before
   * the next.
   *
   * @param claims the wave of standalone claims, or null: each claim then goes with the pods that use it
   */
  public record SyncWaves(boolean enabled, int cluster, int config, int workload, int guards, int backups, Integer claims) {

    /** The wave a standalone claim gets, given the wave of the pods that use it. */
    public int claimWave(int consumerWave) {
      return claims == null ? consumerWave : claims;
    }
  }
}
