package dev.stateforge.verify;

import dev.stateforge.diag.Location;
import java.util.Map;

/**
 * Where a finding is reported and whether it was accepted on purpose. Compiled output points at the
 * spec line that caused it; validated YAML points at the file and line of the object.
 */
public interface Placement {

  Location locate(Finding finding);

  /** The path shown before the message: a spec path, or a path inside the YAML object. */
  String pathOf(Finding finding);

  /** A prefix naming the app, or empty. */
  String subjectOf(Finding finding);

  /** What to do about it, in the terms of what the user edits. */
  default String hintOf(Finding finding) {
    return finding.hint();
  }

  /**
   * Whether the owner consents, in so many words, to a secret-looking literal being written where the
   * finding points. Validated YAML is the user's own file, which Stateforge does not write.
   */
  default boolean allowsSecretInGit(Finding finding) {
    return false;
  }

  /** Rule id to the reason it was accepted, for the owner of the finding's object. */
  Map<String, String> acknowledgements(Finding finding);
}
