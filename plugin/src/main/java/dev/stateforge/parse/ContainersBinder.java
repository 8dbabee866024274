package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.spec.ContainerSpec;
import dev.stateforge.spec.ProbesSpec;
import dev.stateforge.spec.VariableReferences;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code initContainers} and {@code sidecars} of a schema-checked tree, with the same env,
 * resources, ports and probes as the main container. Kept apart from {@link SpecBinder} so each stays
 * small; like it, it reports nothing.
 */
final class ContainersBinder {
  private ContainersBinder() {}

  /** The list under {@code initContainers} ({@code sidecar} false) or {@code sidecars}, in the spec's order. */
  static List<ContainerSpec> containers(JsonNode list, boolean sidecar) {
    List<ContainerSpec> out = new ArrayList<>();
    if (list != null) {
      list.forEach(c -> out.add(container(c, sidecar)));
    }
    return out;
  }

  private static ContainerSpec container(JsonNode c, boolean sidecar) {
    return new ContainerSpec(
        c.get("name").asText(),
        c.get("image").asText(),
        SpecBinder.strings(c.get("command")),
        SpecBinder.strings(c.get("args")),
        // Kubernetes expands $(NAME) in a value only from entries above it.
        VariableReferences.dependencyOrder(SpecBinder.entries(c.get("env"), SpecBinder::envVar)),
        SpecBinder.resources(c.get("resources")),
        SpecBinder.entries(c.get("mounts"),
            (volume, m) -> new ContainerSpec.Mount(volume, m.get("path").asText(), m.get("readOnly").asBoolean(),
                SpecBinder.text(m.get("subPath")))),
        SpecBinder.entries(c.get("ports"), SpecBinder::port),
        SpecBinder.probes(c.get("probes")),
        sidecar,
        PodPartsBinder.lifecycle(c.get("lifecycle")));
  }
}
