package dev.stateforge.verify;

import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EngineSpec;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the verifier knows about the objects that they do not say themselves: the Kubernetes version
 * they are for, and, for compiled output, the engine the spec says each object runs.
 *
 * @param kubernetesVersion the target minor, such as {@code 1.36}
 * @param engine the engine behind an object; {@link EngineSpec#NONE} for hand-written YAML, where
 *     only the image can tell
 * @param app the spec (or the environment's variant of it) an object was compiled from; empty for
 *     hand-written YAML
 */
public record VerifyContext(
    String kubernetesVersion, Function<OutputObject, EngineSpec> engine, Function<OutputObject, Optional<AppSpec>> app) {

  public VerifyContext(String kubernetesVersion, Function<OutputObject, EngineSpec> engine) {
    this(kubernetesVersion, engine, object -> Optional.empty());
  }

  /** For YAML that no spec describes. */
  public static VerifyContext of(String kubernetesVersion) {
    return new VerifyContext(kubernetesVersion, object -> EngineSpec.NONE);
  }
}
