package dev.stateforge.spec;

import java.util.List;

/**
 * The main container's lifecycle hooks, each a command run in the container; an empty list is no
 * hook.
 */
public record LifecycleSpec(List<String> preStop, List<String> postStart) {
  public static final LifecycleSpec NONE = new LifecycleSpec(List.of(), List.of());

  public LifecycleSpec {
    preStop = List.copyOf(preStop);
    postStart = List.copyOf(postStart);
  }

  public boolean isEmpty() {
    return preStop.isEmpty() && postStart.isEmpty();
  }
}
