package dev.stateforge.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A {@code kustomization.yaml}, with current kustomize v5 fields only ({@code resources}, not the
 * deprecated {@code bases}), so kustomize prints no deprecation warning.
 */
@JsonPropertyOrder({"apiVersion", "kind", "resources"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Kustomization(String apiVersion, String kind, List<String> resources) {
  public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

  public Kustomization {
    resources = List.copyOf(resources);
  }

  public static Kustomization of(List<String> resources) {
    return new Kustomization(API_VERSION, "Kustomization", resources);
  }
}
