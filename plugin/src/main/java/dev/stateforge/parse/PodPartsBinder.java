package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.FileSpec;
import dev.stateforge.spec.LifecycleSpec;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.PodPlacement;
import dev.stateforge.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the pod's parts of a schema-checked tree: env from the pod itself, scratch volumes,
 * placement, lifecycle hooks and the user's metadata. Kept apart from {@link SpecBinder} so each
 * stays small; like it, it reports nothing.
 */
final class PodPartsBinder {
  private PodPartsBinder() {}

  /** An env entry's {@code field} or {@code resource}. */
  static EnvVarSpec.Source envSource(JsonNode v) {
    if (v.has("field")) {
      return new EnvVarSpec.PodField(v.get("field").asText());
    }
    JsonNode resource = v.get("resource");
    return new EnvVarSpec.ContainerResource(resource.get("name").asText(),
        resource.has("divisor") ? SpecBinder.quantity(resource.get("divisor")) : null);
  }

  /** A volume's {@code emptyDir}, or null for a claim. */
  static VolumeSpec.EmptyDir emptyDir(JsonNode e) {
    if (e == null) {
      return null;
    }
    return new VolumeSpec.EmptyDir(SpecBinder.text(e.get("medium")),
        e.has("sizeLimit") ? SpecBinder.quantity(e.get("sizeLimit")) : null);
  }

  /** A files entry: inline content, a source to read later ({@link FileSources}), or a Secret. */
  static FileSpec file(String name, JsonNode f) {
    JsonNode secret = f.get("secret");
    return new FileSpec(name, f.get("mountPath").asText(), SpecBinder.text(f.get("content")), SpecBinder.text(f.get("source")),
        secret == null ? null : new FileSpec.SecretRef(secret.get("name").asText(), SpecBinder.stringMap(secret.get("items"))),
        // octal as written: the schema allows only "0?[0-7]{3}"
        f.has("mode") ? Integer.parseInt(f.get("mode").asText(), 8) : null);
  }

  static PodPlacement placement(JsonNode p) {
    if (p == null) {
      return PodPlacement.NONE;
    }
    List<PodPlacement.Toleration> tolerations = new ArrayList<>();
    p.path("tolerations").forEach(t -> tolerations.add(new PodPlacement.Toleration(SpecBinder.text(t.get("key")),
        SpecBinder.text(t.get("value")), SpecBinder.text(t.get("effect")),
        t.has("tolerationSeconds") ? t.get("tolerationSeconds").asLong() : null)));
    return new PodPlacement(SpecBinder.stringMap(p.get("nodeSelector")), tolerations, SpecBinder.text(p.get("priorityClassName")));
  }

  static LifecycleSpec lifecycle(JsonNode l) {
    if (l == null) {
      return LifecycleSpec.NONE;
    }
    return new LifecycleSpec(hook(l.get("preStop")), hook(l.get("postStart")));
  }

  private static List<String> hook(JsonNode h) {
    return h == null ? List.of() : SpecBinder.strings(h.get("exec").get("command"));
  }

  static MetadataSpec metadata(JsonNode m) {
    if (m == null) {
      return MetadataSpec.NONE;
    }
    return new MetadataSpec(extra(m.get("pod")), extra(m.get("service")), extra(m.get("headlessService")));
  }

  private static MetadataSpec.Extra extra(JsonNode e) {
    if (e == null) {
      return MetadataSpec.Extra.NONE;
    }
    return new MetadataSpec.Extra(SpecBinder.stringMap(e.get("labels")), SpecBinder.stringMap(e.get("annotations")));
  }
}
