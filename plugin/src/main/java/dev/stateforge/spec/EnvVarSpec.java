package dev.stateforge.spec;

/** An environment variable of the main container. */
public record EnvVarSpec(String name, Source source) {

  /** Where the value comes from. */
  public sealed interface Source permits Literal, SecretKey, ConfigMapKey {}

  /** A literal value, written into the manifest. */
  public record Literal(String value) implements Source {}

  /** A key of a Secret, referenced by name: the value never appears in the output. */
  public record SecretKey(String name, String key) implements Source {}

  /** A key of a ConfigMap, referenced by name. */
  public record ConfigMapKey(String name, String key) implements Source {}
}
