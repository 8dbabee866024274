package dev.stateforge.spec;

/**
 * Requests and limits of the main container.
 *
 * @param cpuLimit null means no CPU limit
 * @param memoryLimit the memory limit; the binder defaults it to the memory request
 */
public record ResourcesSpec(Quantity cpu, Quantity memory, Quantity cpuLimit, Quantity memoryLimit) {}
