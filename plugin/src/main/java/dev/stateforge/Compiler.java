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
import dev.stateforge.pipeline.CheckedApp;
import dev.stateforge.pipeline.Generated;
import dev.stateforge.pipeline.ProjectCheck;
import dev.stateforge.pipeline.SpecStage;
import dev.stateforge.pipeline.Verification;
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

  /**
   * The pipeline: load, check and bind each spec (resolving each environment once), check the
   * specs together, generate each app and environment once, verify what was generated (schemas,
   * policy, guard), pass over the acknowledgements once, render. Each stage stops the build when
   * the one before reported an error.
   */
  private CompileReport compileUnmasked(CompileRequest request) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    String version = request.kubernetesVersion() == null ? KubernetesSchemas.latest() : request.kubernetesVersion();
    if (!KubernetesSchemas.supports(version)) {
      diagnostics.add(Diagnostic.error(Codes.KUBERNETES_VERSION, Location.NONE, new ParameterPath("kubernetesVersion"),
              "Kubernetes " + version + " is not supported; supported: " + String.join(", ", KubernetesSchemas.versions()))
          .withHint("set <kubernetesVersion> (or -Dstateforge.kubernetesVersion) to one of them"));
      return failed(diagnostics, List.of(), 0);
    }
    SpecLoader loader = new SpecLoader(request.projectDirectory(), request.variables(), presets);
    List<Path> specFiles = findSpecs(request, loader, diagnostics);

    // Specs are independent until the project rules: check them in parallel, then merge in file order.
    List<CheckedApp> apps = new ArrayList<>();
    for (SpecStage.Result result : specFiles.parallelStream().map(f -> SpecStage.check(f, loader)).toList()) {
      diagnostics.addAll(result.diagnostics());
      result.app().ifPresent(apps::add);
    }
    diagnostics.addAll(ProjectCheck.check(apps));
    List<String> names = apps.stream().map(CheckedApp::name).distinct().sorted().toList();
    if (diagnostics.hasErrors() || specFiles.size() != apps.size()) {
      return failed(diagnostics, names, specFiles.size());
    }

    Set<String> environmentNames = new TreeSet<>();
    apps.forEach(a -> environmentNames.addAll(a.app().environments().keySet()));
    Optional<GitOpsTargets> targets = request.gitops().resolve(request.outputDirectory(), environmentNames, diagnostics);
    if (targets.isEmpty()) {
      return failed(diagnostics, names, specFiles.size());
    }
    Generated generated = Generated.of(apps, targets.get());
    diagnostics.addAll(generated.diagnostics());
    if (diagnostics.hasErrors()) {
      return failed(diagnostics, names, specFiles.size()); // a patch that does not apply: nothing to verify
    }

    Map<String, byte[]> previous;
    try {
      previous = previousOutput(request, loader);
    } catch (OutputException e) {
      diagnostics.add(diagnostic(e));
      return failed(diagnostics, names, specFiles.size());
    }
    Verification.Result verified =
        Verification.verify(apps, generated, version, previous, loader.displayName(request.previousOutput()));
    diagnostics.addAll(verified.diagnostics());
    diagnostics.addAll(Acknowledgements.apply(verified.findings(), apps));
    if (diagnostics.hasErrors()) {
      return failed(diagnostics, names, specFiles.size());
    }
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
      diagnostics.add(Diagnostic.error(Codes.NO_SPEC_DIRECTORY, Location.NONE, DiagnosticPath.NONE,
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
        diagnostics.add(Diagnostic.warning(Codes.NO_SPECS, Location.NONE, DiagnosticPath.NONE,
            "no *.conf or *.json spec in " + loader.displayName(dir) + "; nothing to compile"));
      }
      return specs;
    }
  }
}
