package dev.stateforge.pipeline;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Subject;
import dev.stateforge.generate.AppObjects;
import dev.stateforge.generate.GitOpsTargets;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import dev.stateforge.generate.SpecPatches;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The project generated once: every file of the tree, and each app's objects with what each of its
 * environments builds to, with the specs' patches applied; and the patches that did not apply, as
 * errors at the patch (in the base, or in the environment that sets its own).
 */
public record Generated(List<OutputFile> files, List<AppObjects> apps, List<Diagnostic> diagnostics) {

  public Generated {
    files = List.copyOf(files);
    apps = List.copyOf(apps);
    diagnostics = List.copyOf(diagnostics);
  }

  public static Generated of(List<CheckedApp> checked, GitOpsTargets targets) {
    List<AppObjects> apps = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (CheckedApp app : checked) {
      AppObjects objects = AppObjects.of(app.app());
      apps.add(objects);
      diagnostics.addAll(problems(app, objects));
    }
    return new Generated(ProjectLayout.layoutGenerated(apps, targets), apps, diagnostics);
  }

  /** Each patch that did not apply, once: an environment that inherits a failing patch does not repeat it. */
  private static List<Diagnostic> problems(CheckedApp app, AppObjects objects) {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (SpecPatches.Problem problem : objects.patches().problems()) {
      reported.add(problem.at() + " " + problem.message());
      out.add(diagnostic(problem, app.sourceMap().locate(problem.at()), problem.at(), Subject.app(app.name())));
    }
    for (AppObjects.EnvironmentObjects environment : objects.environments()) {
      CheckedApp.Environment checked = app.environments().stream()
          .filter(e -> e.name().equals(environment.name())).findFirst().orElseThrow();
      for (SpecPatches.Problem problem : environment.patches().problems()) {
        SpecPath shown = checked.shown(problem.at());
        if (shown.equals(problem.at()) && !reported.add(problem.at() + " " + problem.message())) {
          continue;
        }
        out.add(diagnostic(problem, checked.sourceMap().locate(problem.at()), shown,
            new Subject(app.name(), environment.name(), "")));
      }
    }
    return out;
  }

  private static Diagnostic diagnostic(SpecPatches.Problem problem, dev.stateforge.diag.Location where, SpecPath path,
      Subject subject) {
    Code code = switch (problem.reason()) {
      case TARGET_UNKNOWN -> Codes.PATCH_TARGET_UNKNOWN;
      case TARGET_SHARED -> Codes.PATCH_TARGET_SHARED;
      case DOES_NOT_APPLY -> Codes.PATCH_DOES_NOT_APPLY;
      case NOT_ITS_KIND -> Codes.PATCH_SCHEMA;
    };
    boolean noObject = problem.reason() == SpecPatches.Reason.TARGET_UNKNOWN || problem.reason() == SpecPatches.Reason.TARGET_SHARED;
    Subject on = noObject ? subject : subject.onObject(problem.target());
    return new Diagnostic(Severity.ERROR, code, where, path, on, problem.message(), problem.hint());
  }

  /** The Kubernetes objects of the tree (not its kustomizations), at their paths. */
  public List<OutputObject> objects() {
    return files.stream()
        .filter(f -> f.content() instanceof HasMetadata)
        .map(f -> new OutputObject(f.path(), (HasMetadata) f.content()))
        .toList();
  }
}
