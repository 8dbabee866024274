package dev.stateforge.spec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The app's NetworkPolicy (ingress only).
 *
 * @param clients who may reach the client ports; empty means from anywhere
 * @param scraper who may reach the metrics ports
 */
public record NetworkPolicySpec(boolean enabled, List<Peer> clients, Peer scraper) {

  public NetworkPolicySpec {
    clients = List.copyOf(clients);
  }

  /**
   * Pods let in: those with {@code pods} labels in the namespaces with {@code namespaces} labels.
   *
   * @param namespaces null means the app's own namespace; empty means every namespace
   * @param pods null means every pod
   */
  public record Peer(SortedMap<String, String> namespaces, SortedMap<String, String> pods) {
    public Peer {
      namespaces = namespaces == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(namespaces));
      pods = pods == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(pods));
    }
  }
}
