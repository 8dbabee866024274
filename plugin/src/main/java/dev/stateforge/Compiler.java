package dev.stateforge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.check.BackupRules;
import dev.stateforge.check.EnvReferenceCycleRule;
import dev.stateforge.check.InputSchemaCheck;
import dev.stateforge.check.PodRules;
import dev.stateforge.check.ProjectRules;
import dev.stateforge.check.SpecRule;
import dev.stateforge.check.StorageClassDeclaredRule;
import dev.stateforge.check.VolumeRules;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.emit.FileSystemOutputTree;
import dev.stateforge.emit.OutputException;
import dev.stateforge.emit.OutputLock;
import dev.stateforge.emit.RenderedTree;
import dev.stateforge.generate.GitOpsTargets;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.parse.EnvironmentMerge;
import dev.stateforge.parse.LoadedSpec;
import dev.stateforge.parse.SpecBinder;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.verify.DataSafetyGuard;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.KubernetesSchemas;
import dev.stateforge.verify.ObjectSet;
import dev.stateforge.verify.OutputSchemaCheck;
import dev.stateforge.verify.PolicyCheck;
import dev.stateforge.verify.SchemaViolation;
import dev.stateforge.verify.VerifyContext;
import dev.stateforge.verify.YamlDocument;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The compiler facade: spec files in, a checked kustomize tree out. Every stage reports into one
 * list of diagnostics, so a run shows every problem; nothing is written unless there is no error.
 */
public final class Compiler {
  /** Semantic rules, in a fixed order; registered here rather than discovered, to keep start-up cheap. */
  private static final List<SpecRule> RULES =
      List.of(new StorageClassDeclaredRule(), new VolumeRules(), new PodRules(), new EnvReferenceCycleRule(), new BackupRules());

  /** What the output marker names as the writer when no plugin version is given (tests, tools). */
  static final String UNVERSIONED = "development";

  private final ClassLoader presets;
  private final String generator;

  public Compiler() {
    this(Compiler.class.getClassLoader(), UNVERSIONED);
  }

  /** @param version the plugin's version, which the output marker records */
  public Compiler(String version) {
    this(Compiler.class.getClassLoader(), version);
  }

  /** @param presets where {@code include classpath(…)} finds engine presets */
  public Compiler(ClassLoader presets) {
    this(presets, UNVERSIONED);
  }

  private Compiler(ClassLoader presets, String version) {
    this.presets = presets;
    this.generator = "stateforge-maven-plugin " + version;
  }

  /** Compiles in memory: diagnostics, and the rendered tree when there is no error. Writes nothing. */
  public CompileReport compile(CompileRequest request) throws IOException {
    CompileReport report = compileUnmasked(request);
    return report.withDiagnosticsReplaced(ValueMask.hidingVariables(report.diagnostics(), request.variables()));
  }

  private CompileReport compileUnmasked(CompileRequest request) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    String version = request.kubernetesVersion() == null ? KubernetesSchemas.latest() : request.kubernetesVersion();
    if (!KubernetesSchemas.supports(version)) {
      diagnostics.add(Diagnostic.error("kubernetes-version", Location.NONE, "",
              "Kubernetes " + version + " is not supported; supported: " + String.join(", ", KubernetesSchemas.versions()))
          .withHint("set <kubernetesVersion> (or -Dstateforge.kubernetesVersion) to one of them"));
      return new CompileReport(diagnostics.sorted(), List.of(), 0, null, null);
    }
    SpecLoader loader = new SpecLoader(request.projectDirectory(), request.variables(), presets);
    List<Path> specFiles = findSpecs(request, loader, diagnostics);

    // Specs are independent until the project rules: check them in parallel, then merge in file order.
    List<SpecResult> results = specFiles.parallelStream().map(f -> checkSpec(f, loader)).toList();
    List<ProjectRules.Located> apps = new ArrayList<>();
    List<EnvironmentPolicy.Environment> environments = new ArrayList<>();
    for (SpecResult result : results) {
      diagnostics.addAll(result.diagnostics().sorted());
      result.app().ifPresent(apps::add);
      environments.addAll(result.environments());
    }
    diagnostics.addAll(ProjectRules.check(apps));

    List<String> names = apps.stream().map(a -> a.app().name()).distinct().sorted().toList();
    if (diagnostics.hasErrors() || specFiles.size() != apps.size()) {
      return new CompileReport(diagnostics.sorted(), names, specFiles.size(), null, null);
    }
    Set<String> environmentNames = new TreeSet<>();
    apps.forEach(a -> environmentNames.addAll(a.app().environments().keySet()));
    Optional<GitOpsTargets> targets = request.gitops().resolve(request.outputDirectory(), environmentNames, diagnostics);
    if (targets.isEmpty()) {
      return new CompileReport(diagnostics.sorted(), names, specFiles.size(), null, null);
    }
    List<OutputFile> files = ProjectLayout.layout(apps.stream().map(ProjectRules.Located::app).toList(), targets.get());
    Map<String, byte[]> previous;
    try {
      previous = previousOutput(request, loader);
    } catch (OutputException e) {
      diagnostics.add(diagnostic(e));
      return new CompileReport(diagnostics.sorted(), names, specFiles.size(), null, null);
    }
    verify(files, apps, environments, version, previous, loader.displayName(request.previousOutput()), diagnostics);
    if (diagnostics.hasErrors()) {
      return new CompileReport(diagnostics.sorted(), names, specFiles.size(), null, null);
    }
    return new CompileReport(diagnostics.sorted(), names, specFiles.size(), RenderedTree.render(files, generator), null);
  }

  /** Stateforge's files of the previous output, for the guard; an explicit baseline that is not there is an error, not a first build. */
  private static Map<String, byte[]> previousOutput(CompileRequest request, SpecLoader loader) throws IOException, OutputException {
    Path baseline = request.baselineDirectory();
    if (baseline != null && !Files.isDirectory(baseline)) {
      throw new OutputException(OutputException.BASELINE_MISSING, "the baselineDirectory " + loader.displayName(baseline)
          + " does not exist; the data-safety guard cannot compare the new output with what was deployed",
          "check out the deployed tree there, or unset baselineDirectory to compare with the output directory");
    }
    return FileSystemOutputTree.readOwnTree(request.previousOutput());
  }

  private static Diagnostic diagnostic(OutputException e) {
    return Diagnostic.error(e.code(), Location.NONE, "", e.getMessage()).withHint(e.hint());
  }

  /**
   * A dangerous change to the previous output, reported at the spec key that made it (in the app's
   * spec, or the first spec that declares a changed class); a removed app has no spec left, so any
   * remaining spec may acknowledge its removal.
   */
  private static Diagnostic guardDiagnostic(
      DataSafetyGuard.Change change, Map<String, ProjectRules.Located> byName, Set<String> fired, String previousOutput) {
    Optional<ProjectRules.Located> owner;
    if (change.app().equals(TreePaths.CLUSTER)) {
      String name = (String) change.specPath().elements().get(1); // storageClasses.<name>.<field>
      owner = byName.values().stream().filter(a -> ProjectLayout.declaresClass(a.app(), name)).findFirst();
    } else {
      owner = Optional.ofNullable(byName.get(change.app()));
    }
    Optional<String> reason = owner.isPresent()
        ? owner.get().app().acknowledgement(change.code())
        : byName.values().stream().flatMap(a -> a.app().acknowledgement(change.code()).stream()).findFirst();
    owner.ifPresent(o -> fired.add(o.app().name() + "/" + change.code()));
    if (owner.isEmpty()) {
      byName.values().forEach(a -> fired.add(a.app().name() + "/" + change.code()));
    }
    // A removed app has no spec line left: point at the file of the previous output that holds it.
    Location where = owner.map(o -> o.sourceMap().locate(change.specPath()))
        .orElse(Location.of(previousOutput + "/" + change.file(), 0));
    String path = change.specPath().toString();
    String message = change.app() + ": " + change.message();
    if (reason.isPresent()) {
      return Diagnostic.note(change.code(), where, path, message + "; acknowledged: " + reason.get());
    }
    return new Diagnostic(change.severity(), change.code(), where, path, message, change.hint());
  }

  /**
   * Every object must pass the strict schema of the target version. A field that only a newer
   * version has is the user's choice to report; any other violation is a bug in Stateforge.
   */
  private static void checkSchemas(ObjectSet objects, String version, SpecPlacement placement, Diagnostics diagnostics) {
    List<String> bugs = new ArrayList<>();
    for (SchemaViolation violation : OutputSchemaCheck.check(objects, version)) {
      if (violation.newerVersion() == null) {
        bugs.add(violation.target().file() + " " + YamlDocument.dotted(violation.pointer()) + ": " + violation.message());
        continue;
      }
      Optional<ProjectRules.Located> owner = placement.owner(violation.target());
      diagnostics.add(Diagnostic.error("kubernetes-version-field",
              owner.map(o -> o.sourceMap().locate(SpecPath.ROOT)).orElse(Location.NONE), "",
              owner.map(o -> o.app().name() + ": ").orElse("") + violation.target().displayName() + " "
                  + YamlDocument.dotted(violation.pointer()) + ": " + violation.message() + " in Kubernetes " + version
                  + " (Kubernetes " + violation.newerVersion() + " has it)")
          .withHint("target a newer version with <kubernetesVersion>" + violation.newerVersion()
              + "</kubernetesVersion>, or drop the spec key that produces it"));
    }
    if (!bugs.isEmpty()) {
      throw new StateforgeBug("generated manifests break the Kubernetes " + version + " schema:\n  "
          + String.join("\n  ", bugs));
    }
  }

  /** One spec's findings, and the bound app when it has no shape error. */
  private record SpecResult(
      Diagnostics diagnostics, Optional<ProjectRules.Located> app, List<EnvironmentPolicy.Environment> environments) {}

  private static SpecResult checkSpec(Path specFile, SpecLoader loader) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<LoadedSpec> loaded = loader.load(specFile, diagnostics);
    if (loaded.isEmpty() || !InputSchemaCheck.check(loaded.get().tree(), loaded.get().sourceMap(), diagnostics)) {
      return new SpecResult(diagnostics, Optional.empty(), List.of());
    }
    AppSpec app = SpecBinder.bind(loaded.get());
    for (SpecRule rule : RULES) {
      diagnostics.addAll(rule.check(app, loaded.get().sourceMap()));
    }
    SortedMap<String, AppSpec> variants = new TreeMap<>();
    Map<String, LoadedSpec> mergedSpecs = new TreeMap<>();
    Map<String, ObjectNode> overrides = EnvironmentMerge.environments(loaded.get().tree());
    for (Map.Entry<String, ObjectNode> environment : overrides.entrySet()) {
      checkEnvironment(app, loaded.get(), environment.getKey(), environment.getValue(), diagnostics)
          .ifPresent(variant -> {
            variants.put(environment.getKey(), variant.app());
            mergedSpecs.put(environment.getKey(), variant.spec());
          });
    }
    ProjectRules.Located located = new ProjectRules.Located(app.withEnvironments(variants), loaded.get().sourceMap());
    List<EnvironmentPolicy.Environment> environments = variants.keySet().stream()
        .map(name -> EnvironmentPolicy.Environment.of(located, name, variants.get(name), mergedSpecs.get(name).sourceMap(),
            overrides.get(name)))
        .toList();
    return new SpecResult(diagnostics, Optional.of(located), environments);
  }

  /** An environment's app, and its merged spec for locating findings. */
  private record Variant(AppSpec app, LoadedSpec spec) {}

  /**
   * The app as one environment overrides it, checked like a spec of its own; findings point at the
   * override's line. An environment may switch a component off, not on: the component folders
   * come from the app's own spec.
   */
  private static Optional<Variant> checkEnvironment(
      AppSpec app, LoadedSpec loaded, String name, ObjectNode override, Diagnostics diagnostics) {
    boolean fixed = false;
    for (String key : EnvironmentMerge.FIXED) {
      if (override.has(key)) {
        SpecPath path = SpecPath.of("environments", name, key);
        diagnostics.add(Diagnostic.error("environment-key", loaded.sourceMap().locate(path), path.toString(),
                "an environment may not override " + key)
            .withHint(switch (key) {
              case "storageClasses", "volumeSnapshotClasses" ->
                  "classes are cluster-wide and shared by every environment: declare another class at the top level and point the environment's volumes at it";
              case "gitops" -> "sync waves and prune protection are how the repository is applied, the same in every environment: set them at the top level";
              default -> "the app's identity is the same in every environment; give it a spec of its own instead";
            }));
        fixed = true;
      }
    }
    if (fixed) {
      return Optional.empty();
    }
    LoadedSpec merged = EnvironmentMerge.merge(loaded, name, override);
    // Findings on keys the environment sets are named by their path in the environment.
    Diagnostics found = new Diagnostics();
    boolean valid = InputSchemaCheck.check(merged.tree(), merged.sourceMap(), found);
    AppSpec variant = valid ? SpecBinder.bind(merged) : null;
    if (valid) {
      for (SpecRule rule : RULES) {
        found.addAll(rule.check(variant, merged.sourceMap()));
      }
    }
    for (Diagnostic d : found.sorted()) {
      diagnostics.add(EnvironmentMerge.overrides(override, d.specPath())
          ? new Diagnostic(d.severity(), d.code(), d.location(), "environments." + name + "." + d.specPath(), d.message(), d.hint())
          : d);
    }
    if (!valid || found.hasErrors()) {
      return Optional.empty(); // its objects are never generated from a spec that has an error (a bad schedule)
    }
    if (variant.backups().isPresent() && app.backups().isEmpty() || variant.monitors().isPresent() && app.monitors().isEmpty()) {
      String component = variant.backups().isPresent() && app.backups().isEmpty() ? "backup" : "monitoring";
      SpecPath path = SpecPath.of("environments", name, component);
      diagnostics.add(Diagnostic.error("environment-component", merged.sourceMap().locate(SpecPath.of(component)), path.toString(),
              "environment " + name + " turns on " + component + ", which the app itself does not define")
          .withHint("define " + component + " at the top level of the spec, and switch it off (enabled = false) in the environments that do without it"));
      return Optional.empty();
    }
    return Optional.of(new Variant(variant, merged));
  }

  /** Policy rules over the generated objects, reported at the spec lines that caused them. */
  private static void verify(
      List<OutputFile> files, List<ProjectRules.Located> apps, List<EnvironmentPolicy.Environment> environments,
      String version, Map<String, byte[]> previous,
      String previousOutput, Diagnostics diagnostics) throws IOException {
    Map<String, ProjectRules.Located> byName = new TreeMap<>();
    apps.forEach(a -> byName.put(a.app().name(), a));
    SpecPlacement placement = new SpecPlacement(byName);
    ObjectSet objects = new ObjectSet(files.stream()
            .filter(f -> f.content() instanceof HasMetadata)
            .map(f -> new OutputObject(f.path(), (HasMetadata) f.content()))
            .toList(),
        new VerifyContext(version, object -> placement.owner(object).map(a -> a.app().engine()).orElse(EngineSpec.NONE)));

    checkSchemas(objects, version, placement, diagnostics);
    // What each environment's overlay builds to passes the same schemas as the base.
    checkSchemas(new ObjectSet(environments.stream().flatMap(e -> e.objects().stream()).toList(), VerifyContext.of(version)),
        version, placement, diagnostics);

    Set<String> fired = new HashSet<>();
    List<Finding> findings = PolicyCheck.findings(objects);
    for (Finding finding : findings) {
      diagnostics.add(PolicyCheck.toDiagnostic(finding, placement));
      // A finding on a shared StorageClass answers the acknowledgement of every app that declares it.
      placement.owners(finding.target()).forEach(owner -> fired.add(owner.app().name() + "/" + finding.ruleId()));
    }
    List<OutputObject> cluster = objects.objects().stream().filter(o -> TreePaths.inCluster(o.file())).toList();
    diagnostics.addAll(EnvironmentPolicy.check(environments, cluster, version, findings, fired));
    List<DataSafetyGuard.Change> changes = DataSafetyGuard.compare(previous, objects);
    for (DataSafetyGuard.Change change : changes) {
      diagnostics.add(guardDiagnostic(change, byName, fired, previousOutput));
    }
    diagnostics.addAll(EnvironmentPolicy.guard(environments, cluster, version, previous, changes, fired));
    for (ProjectRules.Located app : byName.values()) {
      app.app().acknowledgements().keySet().stream()
          .filter(rule -> !fired.contains(app.app().name() + "/" + rule))
          .forEach(rule -> diagnostics.add(Diagnostic.warning("acknowledgement-unused",
                  app.sourceMap().locate("acknowledge", rule), "acknowledge." + rule,
                  "nothing to acknowledge: rule " + rule + " finds nothing in " + app.app().name())
              .withHint("remove this acknowledgement, so that a future finding is not hidden")));
    }
  }

  /**
   * Compiles, and writes the tree when the build does not fail; on an error (or a warning, with
   * failOnWarning) the output is left as it was.
   */
  public CompileReport build(CompileRequest request) throws IOException {
    return build(request, OutputLock.WAIT);
  }

  /**
   * Holds the output directory's lock from reading the previous output to writing the new one, so
   * a concurrent build into the same folder compares with this one's output rather than racing it;
   * first rolls back whatever a killed build left.
   */
  CompileReport build(CompileRequest request, Duration lockWait) throws IOException {
    List<Diagnostic> recovered = new ArrayList<>();
    try (OutputLock lock = OutputLock.acquire(FileSystemOutputTree.root(request.outputDirectory()), lockWait)) {
      for (String done : FileSystemOutputTree.recover(request.outputDirectory())) {
        recovered.add(Diagnostic.note("output-recovered", Location.NONE, "", done));
      }
      CompileReport report = compile(request).withDiagnostics(recovered);
      if (report.renderedTree().isEmpty() || report.specFiles() == 0 || report.fails(request.failOnWarning())) {
        return report;
      }
      try {
        return report.withWrite(FileSystemOutputTree.sync(request.outputDirectory(), report.tree()));
      } catch (OutputException e) {
        return report.withDiagnostic(diagnostic(e));
      }
    } catch (OutputException e) {
      return new CompileReport(List.of(), List.of(), 0, null, null).withDiagnostic(diagnostic(e)).withDiagnostics(recovered);
    }
  }

  private static List<Path> findSpecs(CompileRequest request, SpecLoader loader, Diagnostics diagnostics)
      throws IOException {
    Path dir = request.specDirectory();
    if (!Files.isDirectory(dir)) {
      diagnostics.add(Diagnostic.error("no-spec-directory", Location.NONE, "",
              "the spec directory " + loader.displayName(dir) + " does not exist")
          .withHint("put one spec per app there (orders-db.conf), or point specDirectory elsewhere"));
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> specs = entries
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".conf") || p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
      if (specs.isEmpty()) {
        diagnostics.add(Diagnostic.warning("no-specs", Location.NONE, "",
            "no *.conf or *.json spec in " + loader.displayName(dir) + "; nothing to compile"));
      }
      return specs;
    }
  }
}
