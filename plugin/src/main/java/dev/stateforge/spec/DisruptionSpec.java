package dev.stateforge.spec;

/**
 * The PodDisruptionBudget. Exactly one of {@code maxUnavailable} and {@code minAvailable} is set
 * when enabled.
 */
public record DisruptionSpec(
    boolean enabled, IntOrPercent maxUnavailable, IntOrPercent minAvailable, String unhealthyPodEvictionPolicy) {}
