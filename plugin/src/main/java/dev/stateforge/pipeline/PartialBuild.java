package dev.stateforge.pipeline;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.emit.FileSystemOutputTree;
import dev.stateforge.emit.OutputException;
import dev.stateforge.emit.RenderedTree;
import dev.stateforge.generate.GitOpsTargets;
import dev.stateforge.generate.ObjectKind;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.OutputMarker;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.generate.YamlFormat;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.state.BuildState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A build that compiles only the apps whose spec changed, when the last build's {@link BuildState}
 * says that nothing else can differ from a full build: the same settings, spec files and other
 * inputs, the output as that build left it, each changed app one that its lookups never tied to
 * another, and each changed app's project summary ({@link ProjectSummary}) as before. Then the
 * project rules, the shared files, the cluster objects and every other app's files and findings are
 * those of the last build, and only the changed apps are loaded, checked, generated, verified (with
 * the cluster objects, read back from the output) and written, with the marker.
 *
 * <p>Anything it cannot show to be the same (an error, a finding on a cluster object, a summary or
 * an include that changed, a cluster file it cannot read back to its bytes) returns nothing, and the
 * caller runs the full build: correct by construction, since the full build is the definition.
 */
public final class PartialBuild {
  /**
   * What the partial build reported (sorted, masked), what writing did (null when nothing was
   * written: the report fails the build, or writing failed), and the state to keep: the same one
   * when nothing changed on disk, null to forget it.
   */
  public record Done(List<Diagnostic> diagnostics, FileSystemOutputTree.WriteResult write, BuildState next) {}

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Map<String, String> variables;
  private final boolean failOnWarning;
  private final Path outputDirectory;
  private final String previousOutput;
  private final BuildState state;
  private final SpecLoader loader;
  private final String generator;
  private final String version;
  private final Path outputRoot;

  /**
   * @param variables the allowed variables, whose values the report hides
   * @param previousOutput the previous output's display name, for the guard
   */
  public PartialBuild(Map<String, String> variables, boolean failOnWarning, Path outputDirectory, String previousOutput,
      BuildState state, SpecLoader loader, String generator, String version, Path outputRoot) {
    this.variables = variables;
    this.failOnWarning = failOnWarning;
    this.outputDirectory = outputDirectory;
    this.previousOutput = previousOutput;
    this.state = state;
    this.loader = loader;
    this.generator = generator;
    this.version = version;
    this.outputRoot = outputRoot;
  }

  /**
   * @param changed the changed spec files (real paths) to their new SHA-256
   * @param specFiles the spec files as the full build finds them, with their real paths
   */
  public Optional<Done> build(SortedMap<String, String> changed, Map<String, Path> specFiles) throws IOException, OutputException {
    if (changed.isEmpty() || changed.size() * 2 > state.specs().size() || !state.perApp().keySet().containsAll(changed.keySet())
        || changed.keySet().stream().anyMatch(spec -> state.perApp().get(spec).summary().isEmpty())) {
      return Optional.empty(); // most of the project, or an app tied to another: the full build
    }
    // Load and check the changed specs, as the full build would.
    List<CheckedApp> apps = new ArrayList<>();
    Map<String, List<Diagnostic>> buckets = new HashMap<>();
    for (String spec : changed.keySet()) {
      SpecStage.Result result = SpecStage.check(specFiles.get(spec), loader);
      if (result.app().isEmpty() || result.diagnostics().stream().anyMatch(Diagnostic::isError)
          || !result.app().get().name().equals(state.perApp().get(spec).name())) {
        return Optional.empty();
      }
      apps.add(result.app().get());
      buckets.computeIfAbsent(spec, s -> new ArrayList<>()).addAll(result.diagnostics());
    }
    for (Path read : loader.projectFilesRead()) {
      if (!state.inputs().containsKey(read.toString())) {
        return Optional.empty(); // a new include: the state does not cover it
      }
    }
    Map<String, String> specOf = new HashMap<>();
    changed.keySet().forEach(spec -> specOf.put(state.perApp().get(spec).name(), spec));

    // Generate them; keep only their own folders (the shared files are the last build's).
    Generated alone = Generated.of(apps, GitOpsTargets.NONE);
    if (!alone.diagnostics().isEmpty()) {
      return Optional.empty();
    }
    List<OutputFile> own = alone.files().stream().filter(f -> specOf.containsKey(TreePaths.top(f.path()))).toList();
    Map<String, List<OutputObject>> objectsByApp = new HashMap<>();
    for (OutputFile file : own) {
      if (file.content() instanceof HasMetadata object) {
        objectsByApp.computeIfAbsent(TreePaths.top(file.path()), a -> new ArrayList<>()).add(new OutputObject(file.path(), object));
      }
    }
    for (CheckedApp app : apps) {
      String summary = ProjectSummary.digest(app.app(), objectsByApp.getOrDefault(app.name(), List.of()), state.selectorKeys());
      if (!summary.equals(state.perApp().get(specOf.get(app.name())).summary())) {
        return Optional.empty();
      }
    }

    // The previous output: the marker, the changed apps' files and the cluster objects, nothing else.
    byte[] markerBytes = read(OutputMarker.PATH);
    Optional<OutputMarker> marker = markerBytes == null ? Optional.empty() : OutputMarker.parse(markerBytes);
    if (marker.isEmpty() || !marker.get().generator().equals(generator)) {
      return Optional.empty();
    }
    Map<String, byte[]> before = new TreeMap<>();
    Map<String, byte[]> previous = new TreeMap<>();
    List<OutputFile> cluster = new ArrayList<>();
    for (String path : marker.get().files().keySet()) {
      String top = TreePaths.top(path);
      if (!specOf.containsKey(top) && !top.equals(TreePaths.CLUSTER)) {
        continue;
      }
      byte[] bytes = read(path);
      if (bytes == null || !marker.get().wrote(path, bytes)) {
        return Optional.empty();
      }
      previous.put(path, bytes);
      if (specOf.containsKey(top)) {
        before.put(path, bytes);
      } else if (!path.endsWith(TreePaths.KUSTOMIZATION)) {
        Optional<OutputFile> object = clusterObject(path, bytes);
        if (object.isEmpty()) {
          return Optional.empty();
        }
        cluster.add(object.get());
      }
    }

    // Verify them with the cluster objects, as the full build would; a finding shared with other apps means a full build.
    List<OutputFile> files = new ArrayList<>(cluster);
    files.addAll(own);
    Generated generated = new Generated(files, alone.apps(), List.of());
    Verification.Result verified = Verification.verify(apps, generated, version, previous, previousOutput);
    if (verified.shared() || verified.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return Optional.empty();
    }
    for (Diagnostic d : verified.diagnostics()) {
      if (!specOf.containsKey(d.subject().app())) {
        return Optional.empty();
      }
      buckets.get(specOf.get(d.subject().app())).add(d);
    }
    for (Map.Entry<String, List<Diagnostic>> found : Acknowledgements.applyByApp(verified.findings(), apps).entrySet()) {
      if (!specOf.containsKey(found.getKey())) {
        return Optional.empty();
      }
      buckets.get(specOf.get(found.getKey())).addAll(found.getValue());
    }

    // The report: every other app's share as recorded, the changed apps' as found now.
    // A line is replaced when only changed apps reported it; one that an unchanged app reports too stays.
    Set<Integer> replaced = new HashSet<>();
    changed.keySet().forEach(spec -> replaced.addAll(state.perApp().get(spec).diagnostics()));
    state.perApp().forEach((spec, app) -> {
      if (!changed.containsKey(spec)) {
        replaced.removeAll(app.diagnostics());
      }
    });
    Map<String, List<Diagnostic>> reportBuckets = new HashMap<>();
    for (Map.Entry<String, BuildState.App> app : state.perApp().entrySet()) {
      if (!changed.containsKey(app.getKey())) {
        reportBuckets.put(app.getKey(), app.getValue().diagnostics().stream().map(state.diagnostics()::get).toList());
      }
    }
    List<Diagnostic> rest = new ArrayList<>();
    for (int i = 0; i < state.diagnostics().size(); i++) {
      if (!replaced.contains(i)) {
        rest.add(state.diagnostics().get(i));
      }
    }
    Diagnostics all = new Diagnostics();
    all.addAll(rest);
    for (Map.Entry<String, List<Diagnostic>> bucket : buckets.entrySet()) {
      Diagnostics appDiagnostics = new Diagnostics();
      appDiagnostics.addAll(bucket.getValue());
      List<Diagnostic> masked = ValueMask.hidingVariables(appDiagnostics.sorted(), variables);
      all.addAll(masked);
      reportBuckets.put(bucket.getKey(), masked);
    }
    List<Diagnostic> diagnostics = all.sorted();
    boolean fails = diagnostics.stream().anyMatch(d -> d.isError()
        || (failOnWarning && d.severity() == dev.stateforge.diag.Severity.WARNING));
    if (fails) {
      return Optional.of(new Done(diagnostics, null, state));
    }

    // Write the changed apps' files and the marker of the whole tree, as one transaction.
    SortedMap<String, byte[]> next = RenderedTree.serialize(own);
    SortedMap<String, String> hashes = new TreeMap<>(marker.get().files());
    before.keySet().forEach(hashes::remove);
    next.forEach((path, bytes) -> hashes.put(path, OutputMarker.sha256(bytes)));
    byte[] newMarker = new OutputMarker(generator, hashes).render();
    FileSystemOutputTree.WriteResult write;
    try {
      write = java.util.Arrays.equals(newMarker, markerBytes)
          ? new FileSystemOutputTree.WriteResult(true, 0, 0)
          : FileSystemOutputTree.writePart(outputDirectory, before, next, newMarker);
    } catch (OutputException e) {
      List<Diagnostic> failed = new ArrayList<>(diagnostics);
      failed.add(Diagnostic.error(e.code(), Location.NONE, DiagnosticPath.NONE, e.getMessage()).withHint(e.hint()));
      return Optional.of(new Done(failed.stream().sorted().toList(), null, state));
    }

    if (diagnostics.stream().anyMatch(d -> d.code().family() == Code.Family.GUARD)) {
      return Optional.of(new Done(diagnostics, write, null)); // as a full build: the guard compared with this output, rerun it would not
    }
    return Optional.of(new Done(diagnostics, write, nextState(changed, hashes.keySet(), newMarker, diagnostics, reportBuckets)));
  }

  /**
   * The state after this build: the changed specs' digests, the new marker and the output's files
   * ({@code listed} by the marker), the report and its shares; null when the output cannot be recorded.
   */
  private BuildState nextState(SortedMap<String, String> changed, Set<String> listed, byte[] newMarker,
      List<Diagnostic> diagnostics, Map<String, List<Diagnostic>> buckets) {
    SortedMap<String, String> inputs = new TreeMap<>(state.inputs());
    inputs.putAll(changed);
    List<String> paths = new ArrayList<>(listed);
    paths.add(OutputMarker.PATH);
    Optional<String> output = BuildState.outputDigest(outputRoot, paths);
    if (output.isEmpty()) {
      return null;
    }
    SortedMap<String, BuildState.App> perApp = new TreeMap<>();
    Optional<Map<String, List<Integer>>> indexes = BuildTrace.indexes(diagnostics, buckets, Map.of());
    if (indexes.isPresent()) {
      state.perApp().forEach((spec, app) ->
          perApp.put(spec, new BuildState.App(app.name(), app.summary(), indexes.get().getOrDefault(spec, List.of()))));
    }
    return new BuildState(state.settings(), state.specs(), inputs, OutputMarker.sha256(newMarker), output.get(), state.apps(),
        state.specFiles(), diagnostics, perApp, state.selectorKeys());
  }

  /** A file of the output as Stateforge wrote it, or null when it is not a regular file inside. */
  private byte[] read(String relative) throws IOException {
    Path file = outputRoot.resolve(relative).normalize();
    if (!file.startsWith(outputRoot) || !Files.isRegularFile(file, NOFOLLOW) || Files.size(file) > OutputMarker.MAX_BYTES) {
      return null;
    }
    return Files.readAllBytes(file);
  }

  /**
   * A cluster object read back from the output, only when writing it again gives its bytes: the
   * shared classes are not generated in a partial build (the summaries say they did not change), but
   * the verifier reads them (a claim's class, a volume's growth).
   */
  private static Optional<OutputFile> clusterObject(String path, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", 3);
    if (lines.length < 3 || !lines[0].equals("# " + RenderedTree.HEADER)) {
      return Optional.empty();
    }
    String source = lines[1].startsWith("# Source: ") ? lines[1].substring("# Source: ".length()) : null;
    try {
      String kind = YamlFormat.MAPPER.readTree(bytes).path("kind").asText();
      HasMetadata object;
      if (kind.equals(ObjectKind.STORAGE_CLASS.kind())) {
        object = YamlFormat.MAPPER.readValue(bytes, StorageClass.class);
      } else if (kind.equals(ObjectKind.VOLUME_SNAPSHOT_CLASS.kind())) {
        object = YamlFormat.MAPPER.readValue(bytes, GenericKubernetesResource.class);
      } else {
        return Optional.empty();
      }
      OutputFile file = new OutputFile(path, source, object);
      byte[] again = RenderedTree.serialize(List.of(file)).get(path);
      return java.util.Arrays.equals(again, bytes) ? Optional.of(file) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
