package dev.stateforge.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.generate.OutputMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the last successful build saw and did, kept beside the build (in Maven's {@code target/}, never
 * in the output, whose bytes stay those of the compile): a digest of the settings that change the
 * output, the SHA-256 of every input file (each spec, every project file it included, every config
 * file's source), the output as that build left it (the marker's SHA-256, and the size, mtime and
 * inode of every file the marker lists), and the report it printed.
 *
 * <p>When all of it still holds, the output is what a full build would write again (the compile is
 * deterministic), so a build can report the recorded findings and stop: nothing parsed, checked,
 * rendered, read back or written. Anything unreadable, unexpected or too large in the state file
 * means "no state": the build runs in full. Hashing the inputs (not trusting their mtimes) keeps an
 * edit within one clock tick from being missed; the output is compared by its files' attributes,
 * which Stateforge itself set when it wrote them, so that it is not read back file by file.
 *
 * @param settings digest of the plugin's identity and every parameter that changes the output
 * @param specs the spec files found, absolute, sorted
 * @param inputs absolute path to SHA-256, for the specs and every project file they read
 * @param marker SHA-256 of the output's marker
 * @param output SHA-256 over the path and attributes (size, mtime, inode) of each of Stateforge's files
 *     in the output, the marker's among them: one digest, so that the state stays small and quick to
 *     read; the paths are the marker's
 * @param perApp spec file to what a per-app build needs of its app ({@link App}); empty when no app
 *     may be compiled on its own
 * @param selectorKeys the label keys the project's budgets select by, which the summaries cover
 */
public record BuildState(String settings, List<String> specs, SortedMap<String, String> inputs, String marker,
    String output, List<String> apps, int specFiles, List<Diagnostic> diagnostics,
    SortedMap<String, App> perApp, List<String> selectorKeys) {

  /**
   * One app of the last build, for a per-app build.
   *
   * @param name the app's name, whose folder holds its files
   * @param summary {@code pipeline.ProjectSummary}'s digest: what the project-wide stages read from it;
   *     empty for an app whose objects other apps' lookups reach, which is never compiled alone
   * @param diagnostics the indexes in {@link #diagnostics} of the app's share of the report
   */
  public record App(String name, String summary, List<Integer> diagnostics) {
    public App {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Larger than any real state (10,000 apps take a few MB); a larger file is not read. */
  static final long MAX_BYTES = 64L * 1024 * 1024;
  /** An input larger than the spec loader reads is never up to date. */
  static final long MAX_INPUT_BYTES = 16L * 1024 * 1024;
  private static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 20).build())
      .build());
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  public BuildState {
    specs = List.copyOf(specs);
    inputs = new TreeMap<>(inputs);
    apps = List.copyOf(apps);
    diagnostics = List.copyOf(diagnostics);
    perApp = new TreeMap<>(perApp);
    selectorKeys = List.copyOf(selectorKeys);
  }

  public BuildState(String settings, List<String> specs, SortedMap<String, String> inputs, String marker,
      String output, List<String> apps, int specFiles, List<Diagnostic> diagnostics) {
    this(settings, specs, inputs, marker, output, apps, specFiles, diagnostics, new TreeMap<>(), List.of());
  }

  /** The state in {@code file}, or empty when there is none or it is not one this version wrote whole. */
  public static Optional<BuildState> read(Path file) {
    try {
      if (file == null || !Files.isRegularFile(file, NOFOLLOW) || Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      return Optional.of(parse(JSON.readTree(Files.readAllBytes(file))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // garbage, truncated, hostile: the build runs in full and writes a new one
    }
  }

  private static BuildState parse(JsonNode root) {
    if (root == null || !root.isObject() || !root.path("format").isInt() || root.get("format").intValue() != FORMAT) {
      throw new IllegalArgumentException("not a state of format " + FORMAT);
    }
    List<String> specs = new ArrayList<>();
    for (JsonNode spec : array(root, "specs")) {
      specs.add(DiagnosticCodec.textOf(spec));
    }
    List<String> apps = new ArrayList<>();
    for (JsonNode app : array(root, "apps")) {
      apps.add(DiagnosticCodec.textOf(app));
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (JsonNode d : array(root, "diagnostics")) {
      diagnostics.add(DiagnosticCodec.read(d));
    }
    if (!root.path("specFiles").isInt()) {
      throw new IllegalArgumentException("specFiles");
    }
    List<String> selectorKeys = new ArrayList<>();
    for (JsonNode key : array(root, "selectorKeys")) {
      selectorKeys.add(DiagnosticCodec.textOf(key));
    }
    SortedMap<String, App> perApp = new TreeMap<>();
    JsonNode per = root.get("perApp");
    if (per == null || !per.isObject()) {
      throw new IllegalArgumentException("perApp");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = per.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<Integer> indexes = new ArrayList<>();
      for (JsonNode i : array(e.getValue(), "diagnostics")) {
        if (!i.isInt() || i.intValue() < 0 || i.intValue() >= diagnostics.size()) {
          throw new IllegalArgumentException("diagnostic index");
        }
        indexes.add(i.intValue());
      }
      perApp.put(e.getKey(), new App(DiagnosticCodec.text(e.getValue(), "name"), DiagnosticCodec.text(e.getValue(), "summary"), indexes));
    }
    return new BuildState(DiagnosticCodec.text(root, "settings"), specs, strings(root, "inputs"),
        DiagnosticCodec.text(root, "marker"), DiagnosticCodec.text(root, "output"), apps, root.get("specFiles").intValue(), diagnostics, perApp,
        selectorKeys);
  }

  private static JsonNode array(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(field);
    }
    return node;
  }

  private static SortedMap<String, String> strings(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(field);
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), DiagnosticCodec.textOf(e.getValue()));
    }
    return out;
  }

  /** Writes the state through a temporary file and a rename, so a reader never sees half of one. */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("settings", settings);
    specs.forEach(root.putArray("specs")::add);
    ObjectNode in = root.putObject("inputs");
    inputs.forEach(in::put);
    root.put("marker", marker);
    root.put("output", output);
    apps.forEach(root.putArray("apps")::add);
    root.put("specFiles", specFiles);
    ArrayNode ds = root.putArray("diagnostics");
    diagnostics.forEach(d -> ds.add(DiagnosticCodec.write(d)));
    selectorKeys.forEach(root.putArray("selectorKeys")::add);
    ObjectNode per = root.putObject("perApp");
    perApp.forEach((spec, app) -> {
      ObjectNode entry = per.putObject(spec);
      entry.put("name", app.name());
      entry.put("summary", app.summary());
      app.diagnostics().forEach(entry.putArray("diagnostics")::add);
    });
    byte[] bytes = JSON.writeValueAsBytes(root);
    if (Files.isRegularFile(file, NOFOLLOW) && Files.size(file) == bytes.length
        && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return; // a no-op build writes nothing, here too
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, bytes);
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a state that no longer describes the output (the output was changed by a build that kept none). */
  public static void forget(Path file) throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Whether this state still describes the build: the same settings and spec files, every input with
   * the same bytes, and the output as that build left it.
   *
   * @param projectRoot the project's real path: an input outside it is not read (a hostile state)
   * @param outputRoot the output directory's real path
   */
  public boolean current(String settingsNow, List<String> specsNow, Path projectRoot, Path outputRoot) throws IOException {
    return changedSpecs(settingsNow, specsNow, projectRoot, outputRoot).filter(Map::isEmpty).isPresent();
  }

  /**
   * The spec files whose bytes changed since this state's build, with their new SHA-256, when
   * everything else still holds (the same settings and spec files, every other input with the same
   * bytes, the output as that build left it): empty when the build is up to date; nothing when only a
   * full build will do.
   */
  public Optional<SortedMap<String, String>> changedSpecs(String settingsNow, List<String> specsNow, Path projectRoot,
      Path outputRoot) throws IOException {
    if (!settings.equals(settingsNow) || !specs.equals(specsNow) || !inputs.keySet().containsAll(specs)) {
      return Optional.empty();
    }
    java.util.Set<String> specSet = new java.util.HashSet<>(specs);
    SortedMap<String, String> changed = new TreeMap<>();
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      String recorded = input.getValue().split(" ", 2)[0];
      Optional<String> now = statUnchanged(projectRoot, input.getKey(), input.getValue())
          ? Optional.of(recorded) : digest(projectRoot, input.getKey());
      if (now.isEmpty()) {
        return Optional.empty();
      }
      if (!now.get().equals(recorded)) {
        if (!specSet.contains(input.getKey())) {
          return Optional.empty(); // an include or a config file's source: read by any app
        }
        changed.put(input.getKey(), now.get());
      }
    }
    return outputAsLeft(outputRoot) ? Optional.of(changed) : Optional.empty();
  }

  /** Whether the output is as this state's build left it: no transaction pending, the same marker, every file's attributes. */
  private boolean outputAsLeft(Path outputRoot) throws IOException {
    if (Files.exists(outputRoot.resolve(".stateforge").resolve("pending"), NOFOLLOW)) {
      return false; // a killed build's transaction: the full build rolls it back
    }
    Path markerFile = outputRoot.resolve(OutputMarker.PATH);
    if (!Files.isRegularFile(markerFile, NOFOLLOW) || Files.size(markerFile) > OutputMarker.MAX_BYTES) {
      return false;
    }
    byte[] bytes = Files.readAllBytes(markerFile);
    if (!OutputMarker.sha256(bytes).equals(marker)) {
      return false;
    }
    Optional<OutputMarker> listed = OutputMarker.parse(bytes);
    if (listed.isEmpty()) {
      return false;
    }
    List<String> paths = new ArrayList<>(listed.get().files().keySet());
    paths.add(OutputMarker.PATH);
    return outputDigest(outputRoot, paths).filter(output::equals).isPresent();
  }

  /** The SHA-256 of an input file inside the project, or empty when it is not a readable regular file there. */
  public static Optional<String> digest(Path projectRoot, String absolute) throws IOException {
    Path file = Path.of(absolute);
    if (!file.isAbsolute() || !file.normalize().equals(file) || !file.startsWith(projectRoot)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_INPUT_BYTES) {
      return Optional.empty();
    }
    return Optional.of(OutputMarker.sha256(Files.readAllBytes(file)));
  }

  /**
   * An input's SHA-256, followed by its size, mtime and inode when the file was last changed well
   * before now: then a later build that finds the same three trusts the digest without reading the
   * file (git's index does the same). A file changed within the last seconds is hashed again next
   * time, since another write in the same clock tick would leave its mtime as it is.
   */
  public static String withStat(Path file, String sha256) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
      if (!a.isRegularFile() || a.fileKey() == null
          || a.lastModifiedTime().toMillis() > System.currentTimeMillis() - RACY_MILLIS) {
        return sha256;
      }
      return sha256 + " " + attributes(file);
    } catch (IOException e) {
      return sha256;
    }
  }

  /** Files changed this recently are never trusted by their attributes. */
  private static final long RACY_MILLIS = 3_000;

  /** Whether an input inside the project has the size, mtime and inode recorded with its digest. */
  private static boolean statUnchanged(Path projectRoot, String absolute, String recorded) {
    int space = recorded.indexOf(' ');
    if (space < 0) {
      return false;
    }
    Path file;
    try {
      file = Path.of(absolute);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
    if (!file.isAbsolute() || !file.normalize().equals(file) || !file.startsWith(projectRoot)) {
      return false;
    }
    return recorded.substring(space + 1).equals(attributes(file));
  }

  /** The SHA-256 of the output's marker, or empty when it has none (or one too large to be Stateforge's). */
  public static Optional<String> markerDigest(Path outputRoot) throws IOException {
    Path marker = outputRoot.resolve(OutputMarker.PATH);
    if (!Files.isRegularFile(marker, NOFOLLOW) || Files.size(marker) > OutputMarker.MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of(OutputMarker.sha256(Files.readAllBytes(marker)));
  }

  /** What identifies a file's bytes without reading them: size, modification time to the nanosecond, inode. */
  public static String attributes(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
      if (!a.isRegularFile()) {
        return "";
      }
      return a.size() + " " + a.lastModifiedTime().toInstant() + " " + a.fileKey();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * One digest of the path and attributes of each of the output's files (the marker lists them; the
   * marker is one of them), in path order; empty when a path leaves the output directory.
   */
  public static Optional<String> outputDigest(Path outputRoot, java.util.Collection<String> paths) {
    StringBuilder all = new StringBuilder();
    for (String path : new java.util.TreeSet<>(paths)) {
      Optional<Path> file = inside(outputRoot, path);
      if (file.isEmpty()) {
        return Optional.empty();
      }
      all.append(path).append('\t').append(attributes(file.get())).append('\n');
    }
    return Optional.of(OutputMarker.sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<Path> inside(Path root, String relative) {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    try {
      Path resolved = root.resolve(relative).normalize();
      return resolved.startsWith(root) && !resolved.equals(root) && !Path.of(relative).isAbsolute()
          ? Optional.of(resolved) : Optional.empty();
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** A digest of strings, for the settings. */
  public static String digestOf(List<String> parts) {
    return OutputMarker.sha256(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
  }
}
