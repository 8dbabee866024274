package dev.stateforge.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A {@code kustomization.yaml}: a Kustomization, or a Component that overlays include. Current
 * kustomize v5 fields only ({@code resources} and {@code components}, not the deprecated
 * {@code bases}), so kustomize prints no deprecation warning.
 */
@JsonPropertyOrder({"apiVersion", "kind", "resources", "components", "patches"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Kustomization(
    String apiVersion, String kind, List<String> resources, List<String> components, List<Map<String, Object>> patches) {
  public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
  public static final String COMPONENT_API_VERSION = "kustomize.config.k8s.io/v1alpha1";

  public Kustomization {
    resources = List.copyOf(resources);
    components = List.copyOf(components);
    patches = List.copyOf(patches);
  }

  public static Kustomization of(List<String> resources) {
    return new Kustomization(API_VERSION, "Kustomization", resources, List.of(), List.of());
  }

  public static Kustomization of(List<String> resources, List<String> components) {
    return new Kustomization(API_VERSION, "Kustomization", resources, components, List.of());
  }

  public static Kustomization of(List<String> resources, List<String> components, List<Map<String, Object>> patches) {
    return new Kustomization(API_VERSION, "Kustomization", resources, components, patches);
  }

  public static Kustomization component(List<String> resources) {
    return new Kustomization(COMPONENT_API_VERSION, "Component", resources, List.of(), List.of());
  }
}
