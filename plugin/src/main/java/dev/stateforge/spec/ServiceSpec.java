package dev.stateforge.spec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Service of the {@code services} block, named {@code <app>-<key>}: over every member, over the
 * member of one ordinal (the primary), or one per pod ({@code <app>-<key>-<ordinal>}).
 *
 * @param ordinal the only pod it selects, or null
 * @param ports the ports it carries, by name; empty means the ports of role client
 */
public record ServiceSpec(
    String key, Integer ordinal, boolean perPod, List<String> ports, String type, SortedMap<String, String> annotations) {

  public ServiceSpec {
    ports = List.copyOf(ports);
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  /** {@code <app>-<key>}; a per-pod Service appends the ordinal. */
  public String name(String app) {
    return app + "-" + key;
  }

  /** The per-pod Service of one ordinal: {@code <app>-<key>-<ordinal>}. */
  public String name(String app, long ordinal) {
    return name(app) + "-" + ordinal;
  }
}
