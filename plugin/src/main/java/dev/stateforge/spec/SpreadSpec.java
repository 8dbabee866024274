package dev.stateforge.spec;

/** Topology spread across zones and nodes: DoNotSchedule, ScheduleAnyway or Off. */
public record SpreadSpec(String zone, String node) {
  public static final String OFF = "Off";
}
