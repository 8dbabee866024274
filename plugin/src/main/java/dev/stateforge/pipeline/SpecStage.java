package dev.stateforge.pipeline;

import dev.stateforge.check.BackupRules;
import dev.stateforge.check.ClusterRules;
import dev.stateforge.check.ContainerRules;
import dev.stateforge.check.EnvReferenceCycleRule;
import dev.stateforge.check.FileRules;
import dev.stateforge.check.InputSchemaCheck;
import dev.stateforge.check.LifecycleRules;
import dev.stateforge.check.MetadataRules;
import dev.stateforge.check.PlacementRules;
import dev.stateforge.check.EnvSourceRules;
import dev.stateforge.check.PodRules;
import dev.stateforge.check.ServiceRules;
import dev.stateforge.check.SpecRule;
import dev.stateforge.check.StorageClassDeclaredRule;
import dev.stateforge.check.VolumeRules;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.ConfigFiles;
import dev.stateforge.parse.EnvironmentMerge;
import dev.stateforge.parse.LoadedSpec;
import dev.stateforge.parse.SpecBinder;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.spec.AppSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Load, check and bind one spec, and resolve each of its environments once: the spec's own
 * diagnostics, and the checked app when nothing in it is an error.
 */
public final class SpecStage {
  /** Semantic rules, in a fixed order; registered here rather than discovered, to keep start-up cheap. */
  private static final List<SpecRule> RULES =
      List.of(new StorageClassDeclaredRule(), new VolumeRules(), new FileRules(), new ClusterRules(), new PodRules(), new ContainerRules(), new EnvSourceRules(),
          new PlacementRules(), new MetadataRules(), new LifecycleRules(), new EnvReferenceCycleRule(), new BackupRules(),
          new ServiceRules());

  private SpecStage() {}

  /** One spec's findings, and the checked app when it has no error that stops binding. */
  public record Result(List<Diagnostic> diagnostics, Optional<CheckedApp> app) {}

  public static Result check(Path specFile, SpecLoader loader) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<LoadedSpec> loaded = loader.load(specFile, diagnostics);
    if (loaded.isEmpty() || !InputSchemaCheck.check(loaded.get().tree(), loaded.get().sourceMap(), diagnostics)) {
      return new Result(diagnostics.sorted(), Optional.empty());
    }
    Reporter report = Reporter.of(loaded.get().sourceMap());
    AppSpec app = loader.readFiles(SpecBinder.bind(loaded.get()), report);
    RULES.forEach(rule -> rule.check(app, report));
    filesSize(app, null, report);
    diagnostics.addAll(report.diagnostics());

    SortedMap<String, AppSpec> variants = new TreeMap<>();
    List<CheckedApp.Environment> environments = new ArrayList<>();
    for (EnvironmentMerge.Environment environment : EnvironmentMerge.environments(loaded.get(), diagnostics)) {
      checkEnvironment(app, loaded.get(), environment, loader, diagnostics).ifPresent(variant -> {
        variants.put(environment.name(), variant);
        environments.add(new CheckedApp.Environment(variant, environment));
      });
    }
    CheckedApp checked = new CheckedApp(app.withEnvironments(variants), loaded.get().sourceMap(), environments);
    return new Result(diagnostics.sorted(), Optional.of(checked));
  }

  /**
   * The config files, rendered with this app's peer lists, fit in a ConfigMap: checked here rather
   * than in a rule because the size is the rendered one, which only the generator computes.
   */
  private static void filesSize(AppSpec app, String environment, Reporter report) {
    var lists = app.cluster().peers().stream().map(dev.stateforge.spec.ClusterSpec.Peers::variable).toList();
    if (app.configFiles().isEmpty() || app.configFiles().stream()
        .anyMatch(f -> f.content() == null || !dev.stateforge.spec.FileSpec.problems(f.content(), lists).isEmpty())) {
      return; // a file unread or a placeholder unknown (both reported): nothing to render
    }
    long size = ConfigFiles.size(app);
    if (size > ConfigFiles.MAX_BYTES) {
      report.error(Codes.FILES_TOO_LARGE, SpecPath.of("files"),
              String.format(java.util.Locale.ROOT, "%sthe config files hold %,d bytes once rendered (%d replicas), "
                  + "more than the 1 MiB (%,d bytes) a ConfigMap holds",
                  environment == null ? "" : "in environment " + environment + ", ", size, app.replicas(), ConfigFiles.MAX_BYTES))
          .hint("keep large data in a volume; a peer list that grows with replicas is better passed in env (cluster.peers)");
    }
  }

  /**
   * The app as one environment overrides it, checked like a spec of its own; findings on keys the
   * environment sets are named by their path there. An environment may switch a component off, not
   * on: the component folders come from the app's own spec. Empty when the environment has an error,
   * so that nothing is generated from it (a bad schedule).
   */
  private static Optional<AppSpec> checkEnvironment(
      AppSpec app, LoadedSpec base, EnvironmentMerge.Environment environment, SpecLoader loader, Diagnostics diagnostics) {
    List<String> fixed = environment.fixedKeys();
    for (String key : fixed) {
      SpecPath path = SpecPath.of(key).under("environments", environment.name());
      diagnostics.add(Diagnostic.error(Codes.ENVIRONMENT_KEY, base.sourceMap().locate(path), path,
              "an environment may not override " + key)
          .withHint(switch (key) {
            case "storageClasses", "volumeSnapshotClasses" ->
                "classes are cluster-wide and shared by every environment: declare another class at the top level and point the environment's volumes at it";
            case "gitops" -> "sync waves and prune protection are how the repository is applied, the same in every environment: set them at the top level";
            default -> "the app's identity is the same in every environment; give it a spec of its own instead";
          }));
    }
    if (!fixed.isEmpty()) {
      return Optional.empty();
    }
    LoadedSpec merged = environment.spec();
    Diagnostics shape = new Diagnostics();
    boolean valid = InputSchemaCheck.check(merged.tree(), merged.sourceMap(), shape);
    for (Diagnostic d : shape.sorted()) {
      diagnostics.add(d.path() instanceof SpecPath path ? d.withPath(environment.shown(path)) : d);
    }
    if (!valid) {
      return Optional.empty();
    }
    Reporter report = Reporter.of(merged.sourceMap(), environment::shown);
    AppSpec variant = loader.readFiles(SpecBinder.bind(merged), report);
    RULES.forEach(rule -> rule.check(variant, report));
    filesSize(variant, environment.name(), report);
    diagnostics.addAll(report.diagnostics());
    if (report.hasErrors()) {
      return Optional.empty();
    }
    String added = variant.backups().isPresent() && app.backups().isEmpty() ? "backup"
        : variant.monitors().isPresent() && app.monitors().isEmpty() ? "monitoring" : null;
    if (added != null) {
      diagnostics.add(Diagnostic.error(Codes.ENVIRONMENT_COMPONENT, merged.sourceMap().locate(SpecPath.of(added)),
              SpecPath.of(added).under("environments", environment.name()),
              "environment " + environment.name() + " turns on " + added + ", which the app itself does not define")
          .withHint("define " + added + " at the top level of the spec, and switch it off (enabled = false) in the environments that do without it"));
      return Optional.empty();
    }
    return Optional.of(variant);
  }
}
