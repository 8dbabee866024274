package dev.stateforge.spec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which nodes the pods may run on, beyond spread: node labels they need, taints they tolerate, and
 * their scheduling priority.
 *
 * @param priorityClassName null when the spec sets none
 */
public record PodPlacement(SortedMap<String, String> nodeSelector, List<Toleration> tolerations, String priorityClassName) {
  public static final PodPlacement NONE = new PodPlacement(new TreeMap<>(), List.of(), null);

  public PodPlacement {
    nodeSelector = Collections.unmodifiableSortedMap(new TreeMap<>(nodeSelector));
    tolerations = List.copyOf(tolerations);
  }

  /**
   * A taint the pods tolerate. The operator follows from the value: a value matches only that value
   * (Equal), no value matches any (Exists), so the two cannot contradict each other.
   *
   * @param key null tolerates every key
   * @param value null matches any value of the key
   * @param effect null tolerates every effect
   * @param tolerationSeconds null stays for good
   */
  public record Toleration(String key, String value, String effect, Long tolerationSeconds) {
    public String operator() {
      return value == null ? "Exists" : "Equal";
    }
  }
}
