package dev.stateforge.spec;

/** The main container's probes; each may be null. */
public record ProbesSpec(ProbeSpec startup, ProbeSpec readiness, ProbeSpec liveness) {
  public static final ProbesSpec NONE = new ProbesSpec(null, null, null);
}
