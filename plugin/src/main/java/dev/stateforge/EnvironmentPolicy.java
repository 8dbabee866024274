package dev.stateforge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.check.ProjectRules;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.OverlayGenerator;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.parse.EnvironmentMerge;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.verify.DataSafetyGuard;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.ObjectSet;
import dev.stateforge.verify.Placement;
import dev.stateforge.verify.PolicyCheck;
import dev.stateforge.verify.VerifyContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy rules over what each environment's overlay builds to. An environment can bring a
 * finding the base does not have (dev with one replica, prod with a budget that blocks drains); it
 * is reported once, at the environment's override when the environment set the key, and may be
 * acknowledged in the environment. Findings the base has already are not repeated.
 */
final class EnvironmentPolicy {
  /**
   * One environment of one app: its merged spec, where its keys are written, and what its overlay
   * builds to (files under {@code <app>/overlays/<env>/}), generated once for every check.
   */
  record Environment(
      ProjectRules.Located app, String name, AppSpec variant, SourceMap sourceMap, JsonNode override,
      List<OutputObject> objects) {

    static Environment of(ProjectRules.Located app, String name, AppSpec variant, SourceMap sourceMap, JsonNode override) {
      AppSpec base = app.app();
      String dir = TreePaths.overlay(base.name(), name);
      List<OutputObject> objects = new ArrayList<>();
      for (OutputObject object : OverlayGenerator.objects(variant, OverlayGenerator.components(base, variant))) {
        objects.add(object.in(dir));
      }
      return new Environment(app, name, variant, sourceMap, override, List.copyOf(objects));
    }

    /** A spec path as the user reads it: under {@code environments.<env>} when the environment sets it. */
    String pathOf(SpecPath path) {
      return EnvironmentMerge.overrides(override, path) ? "environments." + name + "." + path : path.toString();
    }
  }

  private EnvironmentPolicy() {}

  /**
   * The findings that environments add to the base's.
   *
   * @param cluster the cluster-scoped objects, which every environment shares
   * @param fired receives {@code <app>/<rule>} of each finding, for the unused-acknowledgement check
   */
  static List<Diagnostic> check(
      List<Environment> environments, List<OutputObject> cluster, String version, List<Finding> baseFindings,
      Set<String> fired) {
    Set<String> known = new HashSet<>();
    baseFindings.forEach(f -> known.add(key(f)));
    List<Diagnostic> out = new ArrayList<>();
    for (Environment environment : environments) {
      AppSpec base = environment.app().app();
      List<OutputObject> objects = new ArrayList<>(cluster);
      objects.addAll(environment.objects());
      Placement placement = new EnvironmentPlacement(environment);
      VerifyContext context = new VerifyContext(version, object -> environment.variant().engine());
      for (Finding finding : PolicyCheck.findings(new ObjectSet(objects, context))) {
        if (TreePaths.inCluster(finding.target().file()) || known.contains(key(finding))) {
          continue; // cluster objects are checked once, with the base
        }
        fired.add(base.name() + "/" + finding.ruleId());
        out.add(PolicyCheck.toDiagnostic(finding, placement));
      }
    }
    return out;
  }

  /**
   * The data-safety guard over each environment: what its overlay builds to now against what it
   * built to in the previous output. A change the base makes too is reported once, with the base.
   */
  static List<Diagnostic> guard(
      List<Environment> environments, List<OutputObject> cluster, String version, Map<String, byte[]> previous,
      List<DataSafetyGuard.Change> baseChanges, Set<String> fired) throws IOException {
    Set<String> known = new HashSet<>();
    baseChanges.forEach(c -> known.add(c.code() + "|" + c.message()));
    List<Diagnostic> out = new ArrayList<>();
    for (Environment environment : environments) {
      List<OutputObject> objects = new ArrayList<>(cluster);
      objects.addAll(environment.objects());
      String app = environment.app().app().name();
      for (DataSafetyGuard.Change change
          : DataSafetyGuard.compareEnvironment(previous, app, environment.name(), new ObjectSet(objects, VerifyContext.of(version)))) {
        if (known.contains(change.code() + "|" + change.message())) {
          continue;
        }
        fired.add(app + "/" + change.code());
        String path = environment.pathOf(change.specPath());
        Location where = environment.sourceMap().locate(change.specPath());
        String message = app + " in " + environment.name() + ": " + change.message();
        Optional<String> reason = environment.variant().acknowledgement(change.code());
        out.add(reason.isPresent()
            ? Diagnostic.note(change.code(), where, path, message + "; acknowledged: " + reason.get())
            : new Diagnostic(change.severity(), change.code(), where, path, message, change.hint()));
      }
    }
    return out;
  }

  /** The same rule saying the same thing about the same object and field. */
  private static String key(Finding finding) {
    OutputObject target = finding.target();
    return finding.ruleId() + "|" + target.object().getMetadata().getNamespace() + "|" + target.displayName()
        + "|" + finding.pointer() + "|" + finding.message();
  }

  /** Places a finding in the environment: at its override when it sets the key, else at the base spec's line. */
  private record EnvironmentPlacement(Environment environment) implements Placement {
    @Override
    public Location locate(Finding finding) {
      return environment.sourceMap().locate(finding.specPath());
    }

    @Override
    public String pathOf(Finding finding) {
      return environment.pathOf(finding.specPath());
    }

    @Override
    public String subjectOf(Finding finding) {
      return environment.app().app().name() + " in " + environment.name();
    }

    @Override
    public boolean allowsSecretInGit(Finding finding) {
      return environment.variant().secretsInGit().contains(finding.specPath().toString());
    }

    @Override
    public Map<String, String> acknowledgements(Finding finding) {
      return environment.variant().acknowledgements();
    }
  }
}
