package dev.stateforge.spec;

/** An environment variable of the main container. */
public record EnvVarSpec(String name, Source source) {

  /** Where the value comes from. */
  public sealed interface Source permits Literal, SecretKey, ConfigMapKey, PodField, ContainerResource {}

  /** A literal value, written into the manifest. */
  public record Literal(String value) implements Source {}

  /** A key of a Secret, referenced by name: the value never appears in the output. */
  public record SecretKey(String name, String key) implements Source {}

  /** A key of a ConfigMap, referenced by name. */
  public record ConfigMapKey(String name, String key) implements Source {}

  /** A field of the pod itself ({@code metadata.name}), through the downward API. */
  public record PodField(String fieldPath) implements Source {}

  /**
   * A resource of the main container ({@code limits.memory}), through the downward API.
   *
   * @param divisor null for Kubernetes' default of 1
   */
  public record ContainerResource(String resource, Quantity divisor) implements Source {}
}
