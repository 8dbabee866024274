package dev.stateforge.pipeline;

import dev.stateforge.check.ProjectRules;
import dev.stateforge.diag.Diagnostic;
import java.util.List;

/** The checks across every spec of the project (unique names, shared classes declared alike). */
public final class ProjectCheck {
  private ProjectCheck() {}

  /** @param apps in spec file order */
  public static List<Diagnostic> check(List<CheckedApp> apps) {
    return ProjectRules.check(apps.stream().map(CheckedApp::located).toList());
  }
}
