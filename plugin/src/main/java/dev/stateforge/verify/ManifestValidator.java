package dev.stateforge.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.DisplayPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SecretShapes;
import dev.stateforge.diag.Subject;
import dev.stateforge.diag.YamlPath;
import dev.stateforge.generate.ObjectKind;
import dev.stateforge.generate.OutputMarker;
import dev.stateforge.generate.OutputObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a folder of YAML that Stateforge did not write (hand-written manifests kept beside
 * generated ones, or a whole rendered repository) with the same rules as compiled output: every
 * document of every {@code *.yaml} / {@code *.yml} file, each finding at its file and line. Files
 * Stateforge wrote are skipped: they were checked when written, and the check goal guards them. What
 * Stateforge wrote is what an output marker ({@code .stateforge/manifest}, in the tree or a folder
 * above it) lists with the file's exact SHA-256: a header comment copied into a hand-written file,
 * or a generated file edited by hand, is checked like any other.
 */
public final class ManifestValidator {
  /** A finding on a hand-written object is acknowledged with an annotation {@code acknowledge.stateforge.dev/<rule-id>: <reason>}. */
  public static final String ACKNOWLEDGE_PREFIX = "acknowledge.stateforge.dev/";

  private static final ObjectMapper MODELS = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What a validation found, and how much it looked at. */
  public record Result(List<Diagnostic> diagnostics, int files, int objects) {}

  private final Path projectRoot;
  private final String version;

  /** @param version the Kubernetes minor whose schemas apply, or null for the newest supported */
  public ManifestValidator(Path projectRoot, String version) {
    this.projectRoot = projectRoot.toAbsolutePath().normalize();
    this.version = version == null ? KubernetesSchemas.latest() : version;
  }

  public ManifestValidator(Path projectRoot) {
    this(projectRoot, null);
  }

  public Result validate(Path directory) throws IOException {
    Diagnostics out = new Diagnostics();
    if (!KubernetesSchemas.supports(version)) {
      out.add(Diagnostic.error(Codes.KUBERNETES_VERSION, Location.NONE, DiagnosticPath.NONE,
          "Kubernetes " + version + " is not supported; supported: " + String.join(", ", KubernetesSchemas.versions())));
      return new Result(out.sorted(), 0, 0);
    }
    Path root = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      out.add(Diagnostic.error(Codes.NO_MANIFEST_DIRECTORY, Location.NONE, DiagnosticPath.NONE, "the directory " + display(root) + " does not exist"));
      return new Result(out.sorted(), 0, 0);
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Path> markers = all.stream().filter(p -> p.endsWith(OutputMarker.PATH)).toList();
    List<Path> files = all.stream()
        .filter(p -> !isMarkerFolder(root, p))
        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
        .toList();
    Map<Path, String> generated = generated(root, markers);

    List<OutputObject> objects = new ArrayList<>();
    Map<HasMetadata, YamlDocument> documentOf = new IdentityHashMap<>();
    Map<String, Location> seen = new HashMap<>();
    int checked = 0;
    for (Path file : files) {
      String name = display(file);
      long size = Files.size(file);
      if (size > YamlDocument.MAX_FILE_BYTES) {
        checked++;
        out.add(YamlDocument.fileTooLarge(name, size)); // not read: a huge file would fill the heap first
        continue;
      }
      byte[] content = Files.readAllBytes(file);
      if (OutputMarker.sha256(content).equals(generated.get(file))) {
        continue; // Stateforge's own output was verified, with the spec's acknowledgements, when it was written
      }
      checked++;
      for (YamlDocument document : YamlDocument.parse(name, content, out::add)) {
        toObject(document, out, seen).ifPresent(object -> {
          objects.add(new OutputObject(name, object));
          documentOf.put(object, document);
        });
      }
    }
    YamlPlacement placement = new YamlPlacement(documentOf);
    for (Finding finding : PolicyCheck.findings(new ObjectSet(objects, VerifyContext.of(version)))) {
      Diagnostic diagnostic = PolicyCheck.toDiagnostic(finding, placement);
      // A hand-written file is already in the user's repository, so an annotation alone accepts any finding.
      String reason = acknowledgements(finding.target().object()).get(finding.ruleId());
      out.add(reason == null ? diagnostic : diagnostic.acknowledged(reason));
    }
    return new Result(out.sorted(), checked, objects.size());
  }

  private Optional<HasMetadata> toObject(YamlDocument document, Diagnostics out, Map<String, Location> seen) {
    JsonNode tree = document.tree();
    if (!tree.isObject()) {
      out.add(Diagnostic.error(Codes.NOT_AN_OBJECT, document.location(""), DiagnosticPath.NONE, "a Kubernetes object must be a mapping"));
      return Optional.empty();
    }
    String apiVersion = tree.path("apiVersion").asText("");
    String kind = tree.path("kind").asText("");
    if (apiVersion.startsWith("kustomize.config.k8s.io/") || isKustomizationFile(document.file())) {
      return Optional.empty(); // kustomize's own files are build instructions, not objects
    }
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      out.add(Diagnostic.error(Codes.MISSING_KIND, document.location(""), DiagnosticPath.NONE,
          "a Kubernetes object needs apiVersion and kind"));
      return Optional.empty();
    }
    if (!tree.at("/metadata/name").isTextual() || tree.at("/metadata/name").asText().isEmpty()) {
      // The API server refuses an object without a name; rules and the duplicate check need one too.
      out.add(Diagnostic.error(Codes.MISSING_NAME, document.location("/metadata"), new YamlPath("/metadata/name"),
          "a Kubernetes object needs metadata.name, " + shown(kind) + " has none"));
      return Optional.empty();
    }
    if (apiVersion.equals("v1") && kind.equals("Secret")) {
      CommittedSecret.check(document).ifPresent(out::add);
      return Optional.empty(); // a Secret's only question here is whether it holds values
    }
    if (!KubernetesSchemas.knows(version, apiVersion, kind)) {
      out.add(Diagnostic.error(Codes.UNKNOWN_KIND, document.location("/kind"), new YamlPath("/kind"),
              "Stateforge has no Kubernetes " + version + " schema for " + shown(apiVersion) + " " + shown(kind))
          .withHint("the kinds Stateforge writes are known: " + ObjectKind.knownKinds()));
      return Optional.empty();
    }
    boolean valid = true;
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (com.networknt.schema.Error error : KubernetesSchemas.validate(version, apiVersion, kind, tree)) {
      SchemaViolation violation = SchemaViolation.of(null, error, null);
      if (!reported.add(violation.pointer())) {
        continue; // one finding per field: a bad quantity fails both its pattern and its type
      }
      // The schema's message may quote the value: a secret-looking one is masked, a long one cut.
      out.add(Diagnostic.error(Codes.K8S_SCHEMA, document.location(violation.pointer()), new YamlPath(violation.pointer()),
          kind + " " + shown(tree.at("/metadata/name").asText("")) + ": " + shown(violation.message())
              + " (Kubernetes " + version + ")"));
      valid = false;
    }
    String identity = apiVersion + " " + kind + " " + tree.at("/metadata/namespace").asText("") + "/" + tree.at("/metadata/name").asText("");
    Location here = document.location("/metadata/name");
    Location first = seen.putIfAbsent(identity, here);
    if (first != null) {
      out.add(Diagnostic.error(Codes.DUPLICATE_OBJECT, here, new YamlPath("/metadata/name"),
          kind + " " + shown(tree.at("/metadata/name").asText("")) + " is also defined at " + first));
    }
    Optional<Class<? extends HasMetadata>> model = ObjectKind.of(apiVersion, kind).flatMap(ObjectKind::model);
    if (!valid || model.isEmpty()) {
      return Optional.empty(); // policy rules read typed objects; a broken one has been reported above
    }
    try {
      return Optional.of(MODELS.treeToValue(tree, model.get()));
    } catch (IOException | IllegalArgumentException e) {
      throw new dev.stateforge.diag.StateforgeBug("a " + kind + " that passed its schema cannot be read", e);
    }
  }

  /** A value of the file as a message may show it: cut when long, secret-looking spans masked. */
  static String shown(String value) {
    return SecretShapes.mask(value.length() > 300 ? value.substring(0, 300) + "…" : value);
  }

  /** Whether {@code file} is in a marker folder ({@code .stateforge/}): Stateforge's own bookkeeping, never a manifest. */
  private static boolean isMarkerFolder(Path root, Path file) {
    for (Path name : root.relativize(file)) {
      if (name.toString().equals(".stateforge")) {
        return true;
      }
    }
    return false;
  }

  /** The files the markers in the tree, and in the folders above it, list: absolute path to SHA-256. */
  private static Map<Path, String> generated(Path root, List<Path> markersInTree) throws IOException {
    List<Path> markers = new ArrayList<>(markersInTree);
    for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
      markers.add(dir.resolve(OutputMarker.PATH));
    }
    Map<Path, String> generated = new HashMap<>();
    for (Path marker : markers) {
      if (!Files.isRegularFile(marker) || Files.size(marker) > OutputMarker.MAX_BYTES) {
        continue;
      }
      Path tree = marker.getParent().getParent();
      OutputMarker.parse(Files.readAllBytes(marker))
          .ifPresent(m -> m.files().forEach((path, hash) -> generated.put(tree.resolve(path).normalize(), hash)));
    }
    return generated;
  }

  private static boolean isKustomizationFile(String file) {
    String base = file.substring(file.lastIndexOf('/') + 1);
    return base.equals("kustomization.yaml") || base.equals("kustomization.yml");
  }

  private String display(Path path) {
    return DisplayPath.of(projectRoot, path);
  }

  /** Findings on YAML objects point at the file and line of the field. */
  private record YamlPlacement(Map<HasMetadata, YamlDocument> documentOf) implements Placement {
    @Override
    public Location locate(Finding finding) {
      return documentOf.get(finding.target().object()).location(finding.pointer());
    }

    @Override
    public DiagnosticPath pathOf(Finding finding) {
      return new YamlPath(finding.pointer());
    }

    @Override
    public Subject subjectOf(Finding finding) {
      return Subject.NONE;
    }

    /** The rule's own words: the finding's hint speaks in spec keys, which a hand-written file does not have. */
    @Override
    public String hintOf(Finding finding) {
      return finding.rule().title() + "; to accept it, annotate the object with "
          + ACKNOWLEDGE_PREFIX + finding.ruleId() + ": \"why\"";
    }
  }

  /** Rule id to reason, from the object's {@code acknowledge.stateforge.dev/<rule-id>} annotations. */
  private static Map<String, String> acknowledgements(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
    Map<String, String> out = new HashMap<>();
    if (annotations != null) {
      annotations.forEach((key, value) -> {
        if (key.startsWith(ACKNOWLEDGE_PREFIX)) {
          out.put(key.substring(ACKNOWLEDGE_PREFIX.length()), value);
        }
      });
    }
    return out;
  }
}
