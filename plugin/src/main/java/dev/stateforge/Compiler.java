package dev.stateforge;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.ParameterPath;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.emit.FileSystemOutputTree;
import dev.stateforge.emit.OutputException;
import dev.stateforge.emit.OutputLock;
import dev.stateforge.emit.RenderedTree;
import dev.stateforge.generate.GitOpsTargets;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.pipeline.Acknowledgements;
import dev.stateforge.pipeline.BuildTrace;
import dev.stateforge.pipeline.PartialBuild;
import dev.stateforge.pipeline.CheckedApp;
import dev.stateforge.pipeline.Generated;
import dev.stateforge.pipeline.ProjectCheck;
import dev.stateforge.pipeline.SpecStage;
import dev.stateforge.pipeline.Verification;
import dev.stateforge.state.BuildState;
import dev.stateforge.verify.KubernetesSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The compiler facade: spec files in, a checked kustomize tree out. Every stage reports into one
 * list of diagnostics, so a run shows every problem; nothing is written unless there is no error.
 */
public final class Compiler {
  /** What the output marker names as the writer when no plugin version is given (tests, tools). */
  static final String UNVERSIONED = "development";

  private final ClassLoader presets;
  private final String generator;
  /** The file beside the state files that holds the key of their variables' HMACs. */
  static final String STATE_KEY = "stateforge-state.key";
  /** Where {@link #build} keeps the last successful build's {@link BuildState}; null for none. */
  private final Path stateFile;

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
    this(presets, "stateforge-maven-plugin " + version, null);
  }

  private Compiler(ClassLoader presets, String generator, Path stateFile) {
    this.presets = presets;
    this.generator = generator;
    this.stateFile = stateFile;
  }

  /**
   * This compiler, keeping the state of each successful {@link #build} in {@code stateFile} (beside
   * the build, such as Maven's {@code target/}), so that a build whose inputs, settings and output are
   * all as that build left them stops early ({@link IncrementalBuild}).
   */
  public Compiler withState(Path stateFile) {
    return new Compiler(presets, generator, stateFile);
  }

  /** Compiles in memory: diagnostics, and the rendered tree when there is no error. Writes nothing. */
  public CompileReport compile(CompileRequest request) throws IOException {
    return compile(request, loader(request), new BuildTrace(false));
  }

  private SpecLoader loader(CompileRequest request) {
    return new SpecLoader(request.projectDirectory(), request.variables(), presets);
  }

  /** @param trace receives Stateforge's files of the previous output when the guard read them, and what a state keeps per app */
  private CompileReport compile(CompileRequest request, SpecLoader loader, BuildTrace trace) throws IOException {
    CompileReport report = compileUnmasked(request, loader, trace);
    return report.withDiagnosticsReplaced(ValueMask.hidingVariables(report.diagnostics(), request.variables()));
  }

  /**
   * The pipeline: load, check and bind each spec (resolving each environment once), check the
   * specs together, generate each app and environment once, verify what was generated (schemas,
   * policy, guard), pass over the acknowledgements once, render. Each stage stops the build when
   * the one before reported an error.
   */
  private CompileReport compileUnmasked(CompileRequest request, SpecLoader loader, BuildTrace trace) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    String version = request.kubernetesVersion() == null ? KubernetesSchemas.latest() : request.kubernetesVersion();
    if (!KubernetesSchemas.supports(version)) {
      diagnostics.add(Diagnostic.error(Codes.KUBERNETES_VERSION, Location.NONE, new ParameterPath("kubernetesVersion"),
              "Kubernetes " + version + " is not supported; supported: " + String.join(", ", KubernetesSchemas.versions()))
          .withHint("set <kubernetesVersion> (or -Dstateforge.kubernetesVersion) to one of them"));
      return failed(diagnostics, List.of(), 0);
    }
    List<Path> specFiles = findSpecs(request, loader, diagnostics);

    // Specs are independent until the project rules: check them in parallel, then merge in file order.
    List<CheckedApp> apps = new ArrayList<>();
    List<SpecStage.Result> results = specFiles.parallelStream().map(f -> SpecStage.check(f, loader)).toList();
    for (int i = 0; i < results.size(); i++) {
      SpecStage.Result result = results.get(i);
      diagnostics.addAll(result.diagnostics());
      result.app().ifPresent(apps::add);
      String spec = specFiles.get(i).toRealPath().toString();
      trace.add(spec, result.diagnostics());
      result.app().ifPresent(a -> trace.apps.put(spec, a.name()));
    }
    List<Diagnostic> project = ProjectCheck.check(apps);
    diagnostics.addAll(project);
    trace.add(BuildTrace.UNOWNED, project);
    List<String> names = apps.stream().map(CheckedApp::name).distinct().sorted().toList();
    if (diagnostics.hasErrors() || specFiles.size() != apps.size()) {
      return failed(diagnostics, names, specFiles.size());
    }

    Set<String> environmentNames = new TreeSet<>();
    apps.forEach(a -> environmentNames.addAll(a.app().environments().keySet()));
    Diagnostics gitops = new Diagnostics();
    Optional<GitOpsTargets> targets = request.gitops().resolve(request.outputDirectory(), environmentNames, gitops);
    diagnostics.addAll(gitops.sorted());
    trace.add(BuildTrace.PROJECT, gitops.sorted());
    if (targets.isEmpty()) {
      return failed(diagnostics, names, specFiles.size());
    }
    Generated generated = Generated.of(apps, targets.get());
    diagnostics.addAll(generated.diagnostics());
    generated.diagnostics().forEach(d -> trace.add(trace.specOf(d.subject().app()), List.of(d)));
    if (diagnostics.hasErrors()) {
      return failed(diagnostics, names, specFiles.size()); // a patch that does not apply: nothing to verify
    }

    Map<String, byte[]> previous;
    try {
      previous = previousOutput(request, loader);
      trace.previousRead = previous;
    } catch (OutputException e) {
      diagnostics.add(diagnostic(e));
      return failed(diagnostics, names, specFiles.size());
    }
    Verification.Result verified =
        Verification.verify(apps, generated, version, previous, loader.displayName(request.previousOutput()));
    diagnostics.addAll(verified.diagnostics());
    verified.diagnostics().forEach(d -> trace.add(trace.specOf(d.subject().app()), List.of(d)));
    Acknowledgements.applyByApp(verified.findings(), apps).forEach((app, found) -> {
      diagnostics.addAll(found);
      trace.add(trace.specOf(app), found);
    });
    if (diagnostics.hasErrors()) {
      return failed(diagnostics, names, specFiles.size());
    }
    trace.summarize(apps, generated.objects(), verified.shared());
    return new CompileReport(diagnostics.sorted(), names, specFiles.size(), RenderedTree.render(generated.files(), generator), null);
  }

  private static CompileReport failed(Diagnostics diagnostics, List<String> apps, int specFiles) {
    return new CompileReport(diagnostics.sorted(), apps, specFiles, null, null);
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
    return Diagnostic.error(e.code(), Location.NONE, DiagnosticPath.NONE, e.getMessage()).withHint(e.hint());
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
        recovered.add(Diagnostic.note(Codes.OUTPUT_RECOVERED, Location.NONE, DiagnosticPath.NONE, done));
      }
      String settings = stateFile == null ? null : settings(request);
      if (settings != null && recovered.isEmpty()) {
        Optional<CompileReport> incremental = incremental(request, settings);
        if (incremental.isPresent()) {
          return incremental.get();
        }
      }
      SpecLoader loader = loader(request);
      BuildTrace trace = new BuildTrace(settings != null);
      CompileReport report = compile(request, loader, trace).withDiagnostics(recovered);
      if (report.renderedTree().isEmpty() || report.specFiles() == 0 || report.fails(request.failOnWarning())) {
        return report;
      }
      try {
        // Holding the lock since the guard read the output directory: the writer compares with those bytes
        // instead of reading every file again (a baseline elsewhere is not the output: then it reads).
        Map<String, byte[]> onDisk = request.baselineDirectory() == null ? trace.previousRead : null;
        CompileReport written = report.withWrite(FileSystemOutputTree.sync(request.outputDirectory(), report.tree(), onDisk));
        if (settings != null) {
          record(request, settings, written, loader.projectFilesRead(), !recovered.isEmpty(),
              trace.perApp(written.diagnostics(), request.variables()), trace.selectorKeys);
        }
        return written;
      } catch (OutputException e) {
        return report.withDiagnostic(diagnostic(e));
      }
    } catch (OutputException e) {
      return new CompileReport(List.of(), List.of(), 0, null, null).withDiagnostic(diagnostic(e)).withDiagnostics(recovered);
    }
  }

  /**
   * The report of the last build, when its {@link BuildState} still holds: same settings, same spec
   * files with the same bytes, every file they read unchanged, and the output as that build left it.
   * Then a full build would compile to the same bytes, find them on disk and report the same
   * findings, so nothing is parsed, checked, rendered, read back or written. When only some specs
   * changed, a {@link PartialBuild} compiles those apps alone if the state shows that a full build
   * would leave every other file and finding as it is. Empty: run the full build.
   */
  private Optional<CompileReport> incremental(CompileRequest request, String settings) throws IOException, OutputException {
    Optional<BuildState> state = BuildState.read(stateFile);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Path root = FileSystemOutputTree.root(request.outputDirectory());
    Map<String, Path> specs = new java.util.LinkedHashMap<>();
    for (Path spec : findSpecFiles(request)) {
      specs.put(spec.toRealPath().toString(), spec);
    }
    Optional<java.util.SortedMap<String, String>> changed =
        state.get().changedSpecs(settings, List.copyOf(specs.keySet()), projectRoot(request), root);
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    if (changed.get().isEmpty()) {
      return Optional.of(new CompileReport(state.get().diagnostics(), state.get().apps(), state.get().specFiles(), null,
          new FileSystemOutputTree.WriteResult(true, 0, 0)));
    }
    String version = request.kubernetesVersion() == null ? KubernetesSchemas.latest() : request.kubernetesVersion();
    SpecLoader loader = loader(request);
    Optional<PartialBuild.Done> done = new PartialBuild(request.variables(), request.failOnWarning(), request.outputDirectory(),
        loader.displayName(request.previousOutput()), state.get(), loader, generator, version, root).build(changed.get(), specs);
    if (done.isEmpty()) {
      return Optional.empty();
    }
    if (done.get().next() == null) {
      BuildState.forget(stateFile);
    } else if (done.get().next() != state.get()) {
      done.get().next().write(stateFile);
    }
    return Optional.of(new CompileReport(done.get().diagnostics(), state.get().apps(), state.get().specFiles(), null,
        done.get().write()));
  }

  /**
   * Keeps what this build saw and left, for the next one. Not when the report depends on more than
   * the inputs: a build that rolled back a killed one, or one whose data-safety guard found a change
   * against the previous output (rerun, the guard would compare the output with itself and find
   * nothing, so the findings would differ); then the next build runs in full and records.
   */
  private void record(CompileRequest request, String settings, CompileReport written, java.util.Set<Path> read, boolean recovered,
      java.util.SortedMap<String, BuildState.App> perApp, List<String> selectorKeys) throws IOException, OutputException {
    boolean guarded = written.diagnostics().stream().anyMatch(d -> d.code().family() == dev.stateforge.diag.Code.Family.GUARD);
    if (recovered || guarded) {
      BuildState.forget(stateFile);
      return;
    }
    Path projectRoot = projectRoot(request);
    List<String> specs = specPaths(request);
    java.util.SortedMap<String, String> inputs = new java.util.TreeMap<>();
    List<String> files = new ArrayList<>(specs);
    read.forEach(p -> files.add(p.toString()));
    for (String file : files) {
      Optional<String> digest = BuildState.digest(projectRoot, file);
      if (digest.isEmpty()) {
        BuildState.forget(stateFile); // an input outside the project or too large: never up to date
        return;
      }
      inputs.put(file, BuildState.withStat(Path.of(file), digest.get()));
    }
    Path root = FileSystemOutputTree.root(request.outputDirectory());
    Optional<String> marker = BuildState.markerDigest(root);
    if (marker.isEmpty()) {
      BuildState.forget(stateFile);
      return;
    }
    Optional<String> output = BuildState.outputDigest(root, written.tree().files().keySet());
    if (output.isEmpty()) {
      BuildState.forget(stateFile);
      return;
    }
    new BuildState(settings, specs, inputs, marker.get(), output.get(),
        written.apps(), written.specFiles(), written.diagnostics(), perApp, selectorKeys).write(stateFile);
  }

  private static Path projectRoot(CompileRequest request) throws IOException {
    return request.projectDirectory().toRealPath();
  }

  /** The spec files, by real path. */
  private static List<String> specPaths(CompileRequest request) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path spec : findSpecFiles(request)) {
      out.add(spec.toRealPath().toString());
    }
    return out;
  }

  /**
   * Everything besides the input files that the output and the report depend on, as one digest: the
   * plugin's code (each jar of its class path by path, size and mtime), the Kubernetes version, every
   * parameter, and each allowed variable's value (only its HMAC, under the key beside the state: {@link
   * dev.stateforge.state.StateKey}). A build with a baseline
   * directory or its own presets class loader keeps no state: the state covers neither.
   */
  private String settings(CompileRequest request) throws IOException, OutputException {
    if (request.baselineDirectory() != null || presets != Compiler.class.getClassLoader()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    parts.add("stateforge build state 1");
    parts.add(generator);
    parts.addAll(codeIdentity());
    parts.add("kubernetesVersion " + (request.kubernetesVersion() == null ? KubernetesSchemas.latest() : request.kubernetesVersion()));
    parts.add("failOnWarning " + request.failOnWarning());
    parts.add("projectDirectory " + projectRoot(request));
    parts.add("specDirectory " + request.specDirectory().toAbsolutePath().normalize());
    parts.add("outputDirectory " + FileSystemOutputTree.root(request.outputDirectory()));
    GitOpsParameters g = request.gitops();
    parts.add("gitops " + String.join("\t", java.util.Arrays.asList(g.argocd(), String.valueOf(g.flux()), g.name(), g.repoUrl(),
        g.repoPath(), g.revision(), g.argocdNamespace(), g.argocdProject(), String.valueOf(new java.util.TreeMap<>(g.destinations())),
        g.fluxNamespace(), g.fluxSource())));
    if (!request.variables().isEmpty()) {
      dev.stateforge.state.StateKey key = dev.stateforge.state.StateKey.in(stateFile.resolveSibling(STATE_KEY));
      new java.util.TreeMap<>(request.variables()).forEach((name, value) -> parts.add("variable " + name + " " + key.mac(value)));
    }
    return BuildState.digestOf(parts);
  }

  /** The compiler's class path, each entry by path, size and modification time. */
  private static List<String> codeIdentity() {
    List<String> entries = new ArrayList<>();
    if (Compiler.class.getClassLoader() instanceof java.net.URLClassLoader urls) {
      for (java.net.URL url : urls.getURLs()) {
        entries.add(url.toString());
      }
    } else {
      entries.addAll(List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)));
    }
    List<String> out = new ArrayList<>();
    for (String entry : entries) {
      try {
        Path path = entry.startsWith("file:") ? Path.of(java.net.URI.create(entry)) : Path.of(entry);
        var a = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        out.add("code " + path + " " + a.size() + " " + a.lastModifiedTime().toInstant());
      } catch (IOException | RuntimeException e) {
        out.add("code " + entry + " unreadable");
      }
    }
    return out;
  }

  /** The spec files as {@link #findSpecs} finds them, without reporting; empty when there is no spec directory. */
  static List<Path> findSpecFiles(CompileRequest request) throws IOException {
    if (!Files.isDirectory(request.specDirectory())) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(request.specDirectory())) {
      return entries.filter(Compiler::isSpec).sorted().toList();
    }
  }

  private static boolean isSpec(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && (name.endsWith(".conf") || name.endsWith(".json"));
  }

  private static List<Path> findSpecs(CompileRequest request, SpecLoader loader, Diagnostics diagnostics)
      throws IOException {
    Path dir = request.specDirectory();
    if (!Files.isDirectory(dir)) {
      diagnostics.add(Diagnostic.error(Codes.NO_SPEC_DIRECTORY, Location.NONE, DiagnosticPath.NONE,
              "the spec directory " + loader.displayName(dir) + " does not exist")
          .withHint("put one spec per app there (orders-db.conf), or point specDirectory elsewhere"));
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> specs = entries.filter(Compiler::isSpec).sorted().toList();
      if (specs.isEmpty()) {
        diagnostics.add(Diagnostic.warning(Codes.NO_SPECS, Location.NONE, DiagnosticPath.NONE,
            "no *.conf or *.json spec in " + loader.displayName(dir) + "; nothing to compile"));
      }
      return specs;
    }
  }
}
