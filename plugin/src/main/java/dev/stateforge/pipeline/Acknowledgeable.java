package dev.stateforge.pipeline;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SpecPath;
import java.util.List;
import java.util.Map;

/**
 * A policy finding or a data-safety change as reported, before the acknowledgement pass.
 *
 * @param acknowledgements the acknowledge blocks that may accept it, in order (the first with a
 *     reason wins): the app's, or the environment's merged one; every declaring app's for a shared
 *     cluster object whose owner is gone
 * @param answers the apps whose acknowledgement of this code it uses, so that none is reported unused
 * @param secretWithoutConsent for a finding that would write a secret into Git: its spec path, when
 *     the spec does not also list it under writeSecretsToGitInPlainText; else null
 * @param consented for such a finding whose path the spec does list there: the entry it uses; else null
 */
public record Acknowledgeable(
    Diagnostic diagnostic, List<? extends Map<String, String>> acknowledgements, List<String> answers, SpecPath secretWithoutConsent,
    String consented) {

  public Acknowledgeable {
    acknowledgements = List.copyOf(acknowledgements);
    answers = List.copyOf(answers);
  }
}
