package dev.stateforge.pipeline;

import dev.stateforge.check.ProjectRules;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.parse.EnvironmentMerge;
import dev.stateforge.spec.AppSpec;
import java.util.List;

/**
 * One spec that passed its checks: the bound app (with its environments' variants attached), where
 * its keys are written, and each environment as resolved once.
 */
public record CheckedApp(AppSpec app, SourceMap sourceMap, List<Environment> environments) {

  /**
   * One environment of the app: the app as the environment overrides it, and the merged spec, whose
   * source map points at the environment's line for the keys it sets.
   */
  public record Environment(AppSpec variant, EnvironmentMerge.Environment merged) {
    public String name() {
      return merged.name();
    }

    public SourceMap sourceMap() {
      return merged.spec().sourceMap();
    }

    /** A spec path as the user wrote it: under {@code environments.<env>} when the environment sets it. */
    public SpecPath shown(SpecPath path) {
      return merged.shown(path);
    }
  }

  public CheckedApp {
    environments = List.copyOf(environments);
  }

  public String name() {
    return app.name();
  }

  ProjectRules.Located located() {
    return new ProjectRules.Located(app, sourceMap);
  }
}
