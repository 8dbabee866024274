package dev.stateforge.pipeline;

import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.Subject;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.Placement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Places findings on compiled output back in the specs: an object under {@code <app>/} belongs to
 * that app, a cluster object to the first app (by name) that declares it. The finding's spec path
 * gives the line.
 */
final class SpecPlacement implements Placement {
  private final Map<String, CheckedApp> appsByName = new TreeMap<>();

  SpecPlacement(List<CheckedApp> apps) {
    apps.forEach(a -> appsByName.put(a.name(), a));
  }

  /** Every app whose spec produced an output object: one for app objects, each declaring app for shared cluster objects. */
  List<CheckedApp> owners(OutputObject object) {
    if (!TreePaths.inCluster(object.file())) {
      return owner(object).stream().toList();
    }
    return appsByName.values().stream().filter(a -> ProjectLayout.declaresClass(a.app(), object.name())).toList();
  }

  /** The app whose spec produced an output object, if any. */
  Optional<CheckedApp> owner(OutputObject object) {
    String top = TreePaths.top(object.file());
    if (!top.equals(TreePaths.CLUSTER)) {
      return Optional.ofNullable(appsByName.get(top));
    }
    return owners(object).stream().findFirst();
  }

  Optional<CheckedApp> app(String name) {
    return Optional.ofNullable(appsByName.get(name));
  }

  List<CheckedApp> apps() {
    return List.copyOf(appsByName.values());
  }

  @Override
  public Location locate(Finding finding) {
    return owner(finding.target()).map(a -> a.sourceMap().locate(finding.specPath())).orElse(Location.NONE);
  }

  @Override
  public DiagnosticPath pathOf(Finding finding) {
    return finding.specPath();
  }

  @Override
  public Subject subjectOf(Finding finding) {
    return owner(finding.target()).map(a -> Subject.app(a.name())).orElse(Subject.NONE);
  }
}
