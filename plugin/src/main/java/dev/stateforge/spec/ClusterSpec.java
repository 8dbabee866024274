package dev.stateforge.spec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the members of a clustered engine know themselves and find each other, and which parts of an
 * existing StatefulSet a spec keeps when it takes one over. Everything here is per environment: the
 * generators derive names and lists from the app they are given, never from the base spec.
 *
 * @param domain the cluster's DNS domain, {@code cluster.local} unless the spec says otherwise
 * @param serviceName the governing Service's name; null means {@code <name>-headless}
 * @param selector the selector labels; empty means the two {@code app.kubernetes.io} labels
 * @param ordinalsStart the first pod's ordinal
 * @param identity the env variables that tell a pod who it is
 * @param peers the env variables that list every member, in name order
 */
public record ClusterSpec(
    String domain,
    String serviceName,
    SortedMap<String, String> selector,
    int ordinalsStart,
    Identity identity,
    List<Peers> peers) {

  public static final String DEFAULT_DOMAIN = "cluster.local";

  /** A spec without a cluster block. */
  public static final ClusterSpec NONE =
      new ClusterSpec(DEFAULT_DOMAIN, null, new TreeMap<>(), 0, Identity.NONE, List.of());

  public ClusterSpec {
    selector = Collections.unmodifiableSortedMap(new TreeMap<>(selector));
    peers = List.copyOf(peers);
  }

  /**
   * Variable names for the downward API; each null when not asked for.
   *
   * @param podName holds {@code metadata.name}
   * @param ordinal holds the {@code apps.kubernetes.io/pod-index} label
   * @param host holds the pod's stable DNS name, built from {@code $(podName)}
   */
  public record Identity(String podName, String ordinal, String host) {
    public static final Identity NONE = new Identity(null, null, null);
  }

  /**
   * One peer list: the variable, how one member is written, what goes between two members, at
   * most how many members it lists (the first ones), {@link #ALL} when the spec sets no limit, and
   * the value for a single replica instead of a list of one (null: the list of one).
   */
  public record Peers(String variable, MemberFormat member, String separator, int limit, String alone) {
    public static final int ALL = Integer.MAX_VALUE;
  }
}
