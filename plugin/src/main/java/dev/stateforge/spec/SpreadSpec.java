package dev.stateforge.spec;

/**
 * Topology spread across zones and nodes: DoNotSchedule, ScheduleAnyway or Off; for nodes also
 * OnePerNode, a required pod anti-affinity.
 */
public record SpreadSpec(String zone, String node) {
  public static final String OFF = "Off";
  public static final String ONE_PER_NODE = "OnePerNode";
}
