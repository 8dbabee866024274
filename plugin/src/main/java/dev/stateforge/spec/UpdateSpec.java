package dev.stateforge.spec;

/**
 * How a change to the pod template rolls out.
 *
 * @param maxUnavailable null means the Kubernetes default (one pod at a time)
 */
public record UpdateSpec(String strategy, int partition, IntOrPercent maxUnavailable, int minReadySeconds) {}
