package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A started pod: its identity and its long-running containers (native sidecars and main containers), by name. */
public record RunningPod(PodIdentity identity, Map<String, ContainerProcess> containers, Map<String, JsonNode> specs) {

  public RunningPod(PodIdentity identity) {
    this(identity, new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** Ready as the kubelet says: every long-running container is running and passes its readiness probe, if it has one. */
  public boolean ready() {
    for (var entry : containers.entrySet()) {
      if (!entry.getValue().alive()) {
        return false;
      }
      JsonNode probe = specs.get(entry.getKey()).path("readinessProbe");
      if (!probe.isMissingNode() && !new Probe(probe, specs.get(entry.getKey()), identity.ip()).passes(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The longest initialDelaySeconds of the readiness probes: the kubelet runs no readiness probe before it. */
  public int readinessDelay() {
    int delay = 0;
    for (JsonNode spec : specs.values()) {
      delay = Math.max(delay, spec.at("/readinessProbe/initialDelaySeconds").asInt(0));
    }
    return delay;
  }
}
