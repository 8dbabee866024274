package dev.stateforge.spec;

/** The pod's user, group and volume ownership; null means unset. */
public record SecuritySpec(Long runAsUser, Long runAsGroup, Long fsGroup, boolean readOnlyRootFilesystem) {}
