package dev.stateforge.verify;

import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.EngineSpec;
import java.util.function.Function;

/**
 * What the verifier knows about the objects that they do not say themselves: the Kubernetes version
 * they are for, and, for compiled output, the engine the spec says each object runs.
 *
 * @param kubernetesVersion the target minor, such as {@code 1.36}
 * @param engine the engine behind an object; {@link EngineSpec#NONE} for hand-written YAML, where
 *     only the image can tell
 */
public record VerifyContext(String kubernetesVersion, Function<OutputObject, EngineSpec> engine) {

  /** For YAML that no spec describes. */
  public static VerifyContext of(String kubernetesVersion) {
    return new VerifyContext(kubernetesVersion, object -> EngineSpec.NONE);
  }
}
