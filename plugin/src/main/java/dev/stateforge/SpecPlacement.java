package dev.stateforge;

import dev.stateforge.check.ProjectRules.Located;
import dev.stateforge.diag.Location;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.Placement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places findings on compiled output back in the specs: an object under {@code <app>/} belongs to
 * that app, a cluster object to the first app (by name) that declares it. The finding's spec path
 * gives the line.
 */
final class SpecPlacement implements Placement {
  private final Map<String, Located> appsByName;

  SpecPlacement(Map<String, Located> appsByName) {
    this.appsByName = appsByName;
  }

  /** The app whose spec produced a finding's object, if any. */
  Optional<Located> owner(Finding finding) {
    return owner(finding.target());
  }

  /** Every app whose spec produced an output object: one for app objects, each declaring app for shared cluster objects. */
  List<Located> owners(OutputObject object) {
    String file = object.file();
    if (!TreePaths.inCluster(file)) {
      return owner(object).stream().toList();
    }
    return appsByName.values().stream().filter(a -> declares(a.app(), object.name())).toList();
  }

  /** The app whose spec produced an output object, if any. */
  Optional<Located> owner(OutputObject object) {
    String file = object.file();
    String first = TreePaths.top(file);
    if (!first.equals(TreePaths.CLUSTER)) {
      return Optional.ofNullable(appsByName.get(first));
    }
    String name = object.name();
    return appsByName.values().stream()
        .filter(a -> declares(a.app(), name))
        .findFirst();
  }

  private static boolean declares(AppSpec app, String className) {
    return ProjectLayout.declaresClass(app, className);
  }

  @Override
  public Location locate(Finding finding) {
    return owner(finding)
        .map(a -> a.sourceMap().locate(finding.specPath()))
        .orElse(Location.NONE);
  }

  @Override
  public String pathOf(Finding finding) {
    return finding.specPath().toString();
  }

  @Override
  public String subjectOf(Finding finding) {
    return owner(finding).map(a -> a.app().name()).orElse("");
  }

  @Override
  public boolean allowsSecretInGit(Finding finding) {
    return owner(finding).filter(a -> a.app().secretsInGit().contains(finding.specPath().toString())).isPresent();
  }

  @Override
  public Map<String, String> acknowledgements(Finding finding) {
    return owner(finding).<Map<String, String>>map(a -> a.app().acknowledgements()).orElse(Map.of());
  }
}
