package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.NetworkPolicySpec;
import dev.stateforge.spec.PortSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The app's NetworkPolicy, ingress only: once a policy selects a pod, only what a rule lets in
 * reaches it. The members reach each other on every port (replication, quorum, and a standby that
 * streams from the primary's client port alike); clients reach the ports of role client; the
 * scraper the metrics ports; backup and restore Jobs, which dump and load over the client ports,
 * those ports. Peer and admin ports are in no rule but the members', so they are closed to everyone
 * else. Ports are named, so a rule follows a port whose number an environment changes. Egress is
 * left alone: the app's pods keep reaching DNS, each other and whatever else they need.
 */
public final class NetworkPolicyGenerator {
  /** The values of {@code app.kubernetes.io/component} on the pods of backup and restore Jobs. */
  static final List<String> BACKUP_COMPONENTS = List.of("backup", "backup-test", "restore");

  private NetworkPolicyGenerator() {}

  public static Optional<OutputObject> generate(AppSpec app) {
    NetworkPolicySpec policy = app.networkPolicy();
    if (!policy.enabled()) {
      return Optional.empty();
    }
    Map<String, Object> members = Map.of("podSelector", Map.of("matchLabels", Labels.selector(app)));
    List<Map<String, Object>> ingress = new ArrayList<>();
    ingress.add(rule(List.of(members), List.of()));
    List<PortSpec> client = app.clientPorts();
    if (!client.isEmpty()) {
      ingress.add(rule(policy.clients().stream().map(NetworkPolicyGenerator::peer).toList(), client));
      if (!policy.clients().isEmpty() && app.backups().isPresent()) {
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("matchExpressions", List.of(Map.of("key", Labels.COMPONENT, "operator", "In", "values", BACKUP_COMPONENTS)));
        selector.put("matchLabels", Map.of(Labels.INSTANCE, app.name()));
        ingress.add(rule(List.of(Map.of("podSelector", selector)), client));
      }
    }
    List<PortSpec> metrics = metricsPorts(app);
    if (!metrics.isEmpty()) {
      ingress.add(rule(List.of(peer(policy.scraper())), metrics));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("ingress", ingress);
    spec.put("podSelector", Map.of("matchLabels", Labels.selector(app)));
    spec.put("policyTypes", List.of("Ingress"));
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(ObjectKind.NETWORK_POLICY.apiVersion());
    resource.setKind(ObjectKind.NETWORK_POLICY.kind());
    resource.setMetadata(Metadata.forApp(app, app.name()));
    resource.setAdditionalProperty("spec", spec);
    return Optional.of(OutputObject.of(resource));
  }

  /** The ports of role metrics and the one monitoring scrapes, by name. */
  static List<PortSpec> metricsPorts(AppSpec app) {
    String scraped = app.monitors().flatMap(m -> m.metricsPort()).orElse(null);
    return app.podPorts().stream()
        .filter(p -> p.role() == PortSpec.Role.METRICS || p.name().equals(scraped))
        .toList();
  }

  /** A rule: from these peers (none: from anywhere) to these ports (none: every port). */
  private static Map<String, Object> rule(List<Map<String, Object>> from, List<PortSpec> ports) {
    Map<String, Object> rule = new LinkedHashMap<>();
    if (!from.isEmpty()) {
      rule.put("from", from);
    }
    if (!ports.isEmpty()) {
      rule.put("ports", ports.stream().sorted(java.util.Comparator.comparing(PortSpec::name))
          .map(p -> Map.<String, Object>of("port", p.name(), "protocol", p.protocol())).toList());
    }
    return rule;
  }

  private static Map<String, Object> peer(NetworkPolicySpec.Peer peer) {
    Map<String, Object> out = new TreeMap<>();
    if (peer.namespaces() != null) {
      out.put("namespaceSelector", peer.namespaces().isEmpty() ? Map.of() : Map.of("matchLabels", peer.namespaces()));
    }
    if (peer.pods() != null) {
      out.put("podSelector", Map.of("matchLabels", peer.pods()));
    }
    return out;
  }
}
