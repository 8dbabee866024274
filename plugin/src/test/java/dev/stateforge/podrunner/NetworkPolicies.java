package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ingress half of Kubernetes NetworkPolicy, as a policy-enforcing network plugin applies it, turned
 * into an nftables input chain for one pod's network namespace. What it follows
 * (kubernetes.io/docs/concepts/services-networking/network-policies): a pod that no Ingress policy of
 * its namespace selects is not isolated; a selected pod accepts only what the union of the selecting
 * policies' rules allows; a rule without {@code from} allows every source, without {@code ports}
 * every port; in a peer, a {@code podSelector} alone means pods of the policy's namespace, a
 * {@code namespaceSelector} alone every pod of the namespaces it selects, both together the pods
 * both select; a named port is the pod's container port of that name. Replies to connections the
 * pod opened are allowed (policies are stateful), and so is the node: the kubelet's probes come from
 * it, and the common plugins (Calico, Cilium) let the node in. Egress is not enforced: Stateforge
 * writes Ingress policies only.
 */
public final class NetworkPolicies {
  private NetworkPolicies() {}

  /** A source of traffic: a pod of the runner or a visitor, with its namespace's labels and its own. */
  public record Peer(String ip, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
    public Peer {
      namespaceLabels = new LinkedHashMap<>(namespaceLabels);
      // The API server sets this label on every namespace.
      namespaceLabels.putIfAbsent("kubernetes.io/metadata.name", namespace);
    }
  }

  /**
   * The nftables ruleset for a pod, or {@code null} when no policy isolates it. {@code podSpec} is the
   * pod's spec (named ports are looked up in its containers and native sidecars).
   */
  public static String ruleset(List<JsonNode> policies, Peer pod, JsonNode podSpec, List<Peer> peers, String nodeIp) {
    List<String> accepts = new ArrayList<>();
    boolean isolated = false;
    for (JsonNode policy : policies) {
      String namespace = policy.at("/metadata/namespace").asText("default");
      if (!namespace.equals(pod.namespace()) || !selects(policy.at("/spec/podSelector"), pod.labels()) || !ingress(policy)) {
        continue;
      }
      isolated = true;
      for (JsonNode rule : policy.at("/spec/ingress")) {
        Set<String> ports = ports(rule.path("ports"), podSpec);
        if (ports != null && ports.isEmpty()) {
          continue;
        }
        String dport = ports == null ? "" : " tcp dport { " + String.join(", ", ports) + " }";
        if (!rule.has("from") || rule.path("from").isEmpty()) {
          accepts.add((dport.isEmpty() ? "meta l4proto tcp" : dport.strip()) + " accept");
          continue;
        }
        Set<String> sources = new TreeSet<>();
        for (JsonNode from : rule.path("from")) {
          if (from.has("ipBlock")) {
            sources.add(from.at("/ipBlock/cidr").asText());
            continue;
          }
          for (Peer peer : peers) {
            if (admits(from, namespace, peer)) {
              sources.add(peer.ip());
            }
          }
        }
        if (!sources.isEmpty()) {
          accepts.add("ip saddr { " + String.join(", ", sources) + " }" + dport + " accept");
        }
      }
    }
    if (!isolated) {
      return null;
    }
    StringBuilder out = new StringBuilder("table inet sfpolicy {\n  chain input {\n")
        .append("    type filter hook input priority 0; policy drop;\n")
        .append("    iif lo accept\n")
        .append("    ct state established,related accept\n")
        .append("    ip saddr ").append(nodeIp).append(" accept\n");
    accepts.forEach(a -> out.append("    ").append(a).append('\n'));
    return out.append("  }\n}\n").toString();
  }

  private static boolean ingress(JsonNode policy) {
    JsonNode types = policy.at("/spec/policyTypes");
    if (types.isMissingNode() || types.isEmpty()) {
      return true;
    }
    for (JsonNode type : types) {
      if (type.asText().equals("Ingress")) {
        return true;
      }
    }
    return false;
  }

  private static boolean admits(JsonNode from, String policyNamespace, Peer peer) {
    boolean hasPods = from.has("podSelector");
    boolean hasNamespaces = from.has("namespaceSelector");
    boolean namespaceOk = hasNamespaces ? selects(from.path("namespaceSelector"), peer.namespaceLabels()) : peer.namespace().equals(policyNamespace);
    boolean podOk = !hasPods || selects(from.path("podSelector"), peer.labels());
    return namespaceOk && podOk;
  }

  /** A label selector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); the empty one selects all. */
  static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (var entry : selector.path("matchLabels").properties()) {
      if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.get(expression.path("key").asText());
      Set<String> values = new TreeSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok = switch (expression.path("operator").asText()) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new IllegalArgumentException("unknown selector operator " + expression);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The TCP ports a rule opens: null for all; a named port the pod does not have opens nothing. */
  private static Set<String> ports(JsonNode ports, JsonNode podSpec) {
    if (ports.isMissingNode() || ports.isEmpty()) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    for (JsonNode port : ports) {
      if (!port.path("protocol").asText("TCP").equals("TCP")) {
        continue;
      }
      JsonNode value = port.path("port");
      if (value.isNumber()) {
        out.add(port.has("endPort") ? value.asInt() + "-" + port.path("endPort").asInt() : value.asText());
      } else {
        namedPort(podSpec, value.asText()).ifPresent(p -> out.add(String.valueOf(p)));
      }
    }
    return out;
  }

  private static java.util.Optional<Integer> namedPort(JsonNode podSpec, String name) {
    List<JsonNode> containers = new ArrayList<>();
    podSpec.path("containers").forEach(containers::add);
    podSpec.path("initContainers").forEach(c -> {
      if (c.path("restartPolicy").asText().equals("Always")) {
        containers.add(c);
      }
    });
    for (JsonNode container : containers) {
      for (JsonNode port : container.path("ports")) {
        if (port.path("name").asText().equals(name)) {
          return java.util.Optional.of(port.path("containerPort").asInt());
        }
      }
    }
    return java.util.Optional.empty();
  }
}
