package dev.stateforge.verify;

import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.Subject;

/**
 * Where a finding is reported. Compiled output points at the spec line that caused it; validated
 * YAML points at the file and line of the object. Whether it was accepted on purpose is decided
 * afterwards, by the caller's acknowledgement pass.
 */
public interface Placement {

  Location locate(Finding finding);

  /** The path shown before the message: a spec path, or a path inside the YAML object. */
  DiagnosticPath pathOf(Finding finding);

  /** The app (and environment) the finding is about, or none. */
  Subject subjectOf(Finding finding);

  /** What to do about it, in the terms of what the user edits. */
  default String hintOf(Finding finding) {
    return finding.hint();
  }
}
