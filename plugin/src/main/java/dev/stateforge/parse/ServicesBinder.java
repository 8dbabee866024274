package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.spec.NetworkPolicySpec;
import dev.stateforge.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the Services of the {@code services} block and the network policy of a schema-checked
 * tree. Kept apart from {@link SpecBinder} so each stays small; like it, it reports nothing.
 */
final class ServicesBinder {
  private ServicesBinder() {}

  static ServiceSpec service(String key, JsonNode s) {
    return new ServiceSpec(key, s.has("ordinal") ? s.get("ordinal").asInt() : null, s.get("perPod").asBoolean(),
        SpecBinder.strings(s.get("ports")), s.get("type").asText(), SpecBinder.stringMap(s.get("annotations")));
  }

  static NetworkPolicySpec networkPolicy(JsonNode n) {
    List<NetworkPolicySpec.Peer> clients = new ArrayList<>();
    n.path("clients").forEach(c -> clients.add(peer(c)));
    return new NetworkPolicySpec(n.get("enabled").asBoolean(), clients, peer(n.get("scraper")));
  }

  private static NetworkPolicySpec.Peer peer(JsonNode p) {
    return new NetworkPolicySpec.Peer(p.has("namespaces") ? SpecBinder.stringMap(p.get("namespaces")) : null,
        p.has("pods") ? SpecBinder.stringMap(p.get("pods")) : null);
  }
}
