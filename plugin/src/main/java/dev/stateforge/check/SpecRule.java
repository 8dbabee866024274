package dev.stateforge.check;

import dev.stateforge.diag.Reporter;
import dev.stateforge.spec.AppSpec;

/** One semantic check of a bound app spec. Rules never throw for a user mistake; they report. */
public interface SpecRule {

  /** Reports the findings for {@code app}; the reporter knows where each key was written. */
  void check(AppSpec app, Reporter report);
}
