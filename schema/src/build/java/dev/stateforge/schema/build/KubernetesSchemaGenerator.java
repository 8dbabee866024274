package dev.stateforge.schema.build;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes strict, self-contained draft-07 JSON Schemas of the Kubernetes kinds Stateforge emits, one
 * folder per Kubernetes minor, by reflecting over the model classes of {@code io.kubernetes:client-java-api}
 * (design: shared/K8S-SCHEMAS.md §4; layout and how to add a version: schema/KUBERNETES-VERSIONS.md).
 *
 * <p>Build-time only. It is compiled as a test source, so it never lands in the stateforge-schema jar,
 * and it loads each client jar through its own {@link URLClassLoader}: every client version uses the same
 * package names, so two of them can never share one classpath.
 *
 * <p>Inputs: a folder of client jars named {@code <minor>.jar} (maven-dependency-plugin copies them
 * there), and a folder of hand-kept inputs: {@code enum-overlay.json} and hand-written
 * {@code <kind>.schema.json} templates for kinds the client has no model for. Every template in that
 * folder is merged into every version; {@link #HAND_WRITTEN} lists them, so that a missing or stray
 * template fails the generation instead of silently dropping or adding a kind.
 */
public final class KubernetesSchemaGenerator {
  /** Where the schemas live, both in src/main/resources and on the classpath. */
  public static final String RESOURCE_ROOT = "dev/stateforge/schema/kubernetes";
  static final String ENUM_OVERLAY = "enum-overlay.json";
  static final String TEMPLATE_SUFFIX = ".schema.json";

  /** The roots generated from client models. Class names are hard-coded only here (§4: renames happen). */
  static final List<Root> ROOTS = List.of(
      new Root("V1StatefulSet", "apps/v1", "StatefulSet"),
      new Root("V1Service", "v1", "Service"),
      new Root("V1StorageClass", "storage.k8s.io/v1", "StorageClass"),
      new Root("V1PersistentVolumeClaim", "v1", "PersistentVolumeClaim"),
      new Root("V1PodDisruptionBudget", "policy/v1", "PodDisruptionBudget"),
      new Root("V1CronJob", "batch/v1", "CronJob"),
      new Root("V1Job", "batch/v1", "Job"),
      new Root("V1ServiceAccount", "v1", "ServiceAccount"),
      new Root("V1Role", "rbac.authorization.k8s.io/v1", "Role"),
      new Root("V1RoleBinding", "rbac.authorization.k8s.io/v1", "RoleBinding"),
      new Root("V1ConfigMap", "v1", "ConfigMap"),
      new Root("V1NetworkPolicy", "networking.k8s.io/v1", "NetworkPolicy"));

  /**
   * The hand-written templates ({@code <file>.schema.json} in the inputs folder), for custom resources
   * the client has no model for: the CSI snapshot CRDs of kubernetes-csi/external-snapshotter, the
   * Prometheus Operator CRDs that the monitoring component writes, and the GitOps CRDs: Argo CD's
   * Application and ApplicationSet, and Flux's Kustomization (kustomize.toolkit.fluxcd.io, whose file is
   * kustomization.json like any kind's; kustomize's own kustomization files have no schema here).
   */
  static final List<String> HAND_WRITTEN = List.of(
      "volumesnapshot", "volumesnapshotclass",
      "servicemonitor", "podmonitor", "prometheusrule",
      "application", "applicationset", "kustomization");

  /** The same regex apiextensions uses for quantities, e.g. in the VolumeSnapshot CRD's restoreSize. */
  static final String QUANTITY_PATTERN = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))"
      + "(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
  static final String SELF = "schema/src/build/java/dev/stateforge/schema/build/KubernetesSchemaGenerator.java";

  private static final String MODELS = "io.kubernetes.client.openapi.models.";
  private static final String CUSTOM = "io.kubernetes.client.custom.";
  private static final String CLIENT_POM = "META-INF/maven/io.kubernetes/client-java-api/pom.properties";
  private static final Pattern CLIENT_JAR = Pattern.compile("(\\d+)\\.(\\d+)\\.jar");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Hand-kept inputs are read strictly: a duplicated key would otherwise silently win.
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  record Root(String model, String apiVersion, String kind) {
    String file() {
      return kind.toLowerCase(Locale.ROOT) + ".json";
    }
  }

  /** A client jar and the Kubernetes minor it was generated from (its file name). */
  record Client(String minor, Path jar, String coordinates) {}

  private KubernetesSchemaGenerator() {}

  /**
   * Regenerates the committed schemas. Arguments: the client jar folder, the hand-kept inputs folder,
   * then one or more resources roots to write into (in each, the {@value #RESOURCE_ROOT} subtree is replaced).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: KubernetesSchemaGenerator <client-jar-dir> <inputs-dir> <resources-dir>...");
    }
    long start = System.nanoTime();
    SortedMap<String, byte[]> files = generate(Path.of(args[0]), Path.of(args[1]));
    for (int i = 2; i < args.length; i++) {
      write(files, Path.of(args[i]));
    }
    long bytes = files.values().stream().mapToLong(b -> b.length).sum();
    System.out.printf(Locale.ROOT, "Wrote %d Kubernetes schema files (%d bytes) under %s in %d ms%n",
        files.size(), bytes, Path.of(args[2]).resolve(RESOURCE_ROOT), (System.nanoTime() - start) / 1_000_000);
  }

  /** Every generated file, keyed by its path relative to the resources root. Writes nothing. */
  public static SortedMap<String, byte[]> generate(Path clientDir, Path inputDir) throws IOException {
    List<Client> clients = clients(clientDir);
    JsonNode enums = read(inputDir.resolve(ENUM_OVERLAY));
    SortedMap<String, JsonNode> templates = new TreeMap<>();
    try (Stream<Path> list = Files.list(inputDir)) {
      for (Path path : (Iterable<Path>) list.sorted()::iterator) {
        String name = path.getFileName().toString();
        if (name.endsWith(TEMPLATE_SUFFIX)) {
          templates.put(name.substring(0, name.length() - TEMPLATE_SUFFIX.length()) + ".json", read(path));
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    HAND_WRITTEN.forEach(file -> expected.add(file + ".json"));
    if (!templates.keySet().equals(expected)) {
      throw new IllegalStateException(inputDir + ": the hand-written templates " + templates.keySet()
          + " differ from HAND_WRITTEN " + expected + "; add or remove both together");
    }

    SortedMap<String, byte[]> files = new TreeMap<>();
    ObjectNode versions = NODES.objectNode();
    for (Client client : clients) {
      ObjectNode index = NODES.objectNode();
      index.put("$comment", "Generated by " + SELF + "; do not edit. See schema/KUBERNETES-VERSIONS.md.");
      index.put("kubernetes", client.minor());
      index.put("source", client.coordinates());
      ObjectNode schemas = index.putObject("schemas");
      try (URLClassLoader loader = new URLClassLoader(
          new URL[] {client.jar().toUri().toURL()}, KubernetesSchemaGenerator.class.getClassLoader())) {
        Models models = new Models(loader, client);
        models.applyEnumOverlay(enums);
        for (Root root : ROOTS) {
          ObjectNode schema = models.root(root);
          add(files, schemas, client, root.apiVersion(), root.kind(), root.file(), schema);
        }
        for (Map.Entry<String, JsonNode> template : templates.entrySet()) {
          ObjectNode schema = models.handWritten(template.getKey(), template.getValue());
          String apiVersion = schema.at("/properties/apiVersion/const").asText();
          String kind = schema.at("/properties/kind/const").asText();
          if (!template.getKey().equals(kind.toLowerCase(Locale.ROOT) + ".json")) {
            throw new IllegalStateException(template.getKey() + ": a template is named after its kind, here "
                + kind.toLowerCase(Locale.ROOT) + TEMPLATE_SUFFIX);
          }
          add(files, schemas, client, apiVersion, kind, template.getKey(), schema);
        }
      }
      files.put(RESOURCE_ROOT + "/" + client.minor() + "/index.json", CanonicalJson.bytes(index));
      ObjectNode version = versions.putObject(client.minor());
      version.put("index", client.minor() + "/index.json");
      version.put("source", client.coordinates());
    }
    ObjectNode top = NODES.objectNode();
    top.put("$comment", "Generated by " + SELF + "; do not edit. See schema/KUBERNETES-VERSIONS.md.");
    top.put("latest", clients.get(clients.size() - 1).minor());
    top.set("versions", versions);
    files.put(RESOURCE_ROOT + "/index.json", CanonicalJson.bytes(top));
    return files;
  }

  /** Replaces the {@value #RESOURCE_ROOT} subtree under {@code resources} with {@code files}. */
  public static void write(SortedMap<String, byte[]> files, Path resources) throws IOException {
    Path root = resources.resolve(RESOURCE_ROOT);
    if (Files.exists(root)) {
      // Whole-tree replace, so a dropped version or kind leaves no stale file behind.
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = resources.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }

  private static void add(SortedMap<String, byte[]> files, ObjectNode schemas, Client client,
      String apiVersion, String kind, String file, ObjectNode schema) {
    ObjectNode group = schemas.has(apiVersion) ? (ObjectNode) schemas.get(apiVersion) : schemas.putObject(apiVersion);
    if (group.has(kind)) {
      throw new IllegalStateException("two schemas for " + apiVersion + " " + kind);
    }
    group.put(kind, file);
    files.put(RESOURCE_ROOT + "/" + client.minor() + "/" + file, CanonicalJson.bytes(schema));
  }

  /** The client jars in {@code dir}, oldest Kubernetes minor first. */
  static List<Client> clients(Path dir) throws IOException {
    List<Client> clients = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path jar : (Iterable<Path>) list::iterator) {
        Matcher name = CLIENT_JAR.matcher(jar.getFileName().toString());
        if (!name.matches()) {
          throw new IllegalStateException(jar + ": expected only <major>.<minor>.jar files in " + dir);
        }
        Properties pom = new Properties();
        try (JarFile file = new JarFile(jar.toFile())) {
          if (file.getEntry(CLIENT_POM) == null) {
            throw new IllegalStateException(jar + " is not an io.kubernetes:client-java-api jar");
          }
          try (InputStream in = file.getInputStream(file.getEntry(CLIENT_POM))) {
            pom.load(in);
          }
        }
        clients.add(new Client(name.group(1) + "." + name.group(2), jar,
            pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":" + pom.getProperty("version")));
      }
    }
    if (clients.isEmpty()) {
      throw new IllegalStateException("no client jars in " + dir
          + "; maven-dependency-plugin copies them there in generate-test-resources");
    }
    clients.sort(Comparator.comparing((Client c) -> Integer.parseInt(c.minor().split("\\.")[0]))
        .thenComparing(c -> Integer.parseInt(c.minor().split("\\.")[1])));
    return clients;
  }

  static JsonNode read(Path path) throws IOException {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** The JSON Schema of every model class in one client version, built on demand and cached. */
  static final class Models {
    private final ClassLoader loader;
    private final Client client;
    private final Map<String, ObjectNode> definitions = new HashMap<>();

    Models(ClassLoader loader, Client client) {
      this.loader = loader;
      this.client = client;
      Class<?> probe = model("V1ObjectMeta", "probe");
      // Parent-first delegation would silently hand back another version's class.
      if (probe.getClassLoader() != loader) {
        throw new IllegalStateException("client-java-api is on the generator's own classpath; "
            + "it must come only from " + client.jar());
      }
    }

    /** A root kind: the model's schema with apiVersion and kind pinned, plus every definition it reaches. */
    ObjectNode root(Root root) {
      ObjectNode body = definition(root.model()).deepCopy();
      ObjectNode properties = (ObjectNode) body.get("properties");
      properties.set("apiVersion", constant(root.apiVersion()));
      properties.set("kind", constant(root.kind()));
      TreeSet<String> required = new TreeSet<>(List.of("apiVersion", "kind"));
      body.path("required").forEach(name -> required.add(name.asText()));
      body.set("required", strings(required));
      return document(root.kind(), root.apiVersion(),
          "Generated by " + SELF + " from " + client.coordinates() + " (Kubernetes " + client.minor()
              + "); do not edit. See schema/KUBERNETES-VERSIONS.md.",
          body, Map.of());
    }

    /**
     * A hand-written root: {@code {"$kubernetesType": "V1ObjectMeta"}} (or {@code Quantity}, ...) anywhere
     * in the template becomes this version's schema for that type, so the template stays version-free.
     */
    ObjectNode handWritten(String file, JsonNode template) {
      ObjectNode body = (ObjectNode) expand(template.deepCopy(), file);
      Map<String, JsonNode> local = new TreeMap<>();
      JsonNode own = body.remove("definitions");
      if (own != null) {
        own.properties().forEach(e -> local.put(e.getKey(), e.getValue()));
      }
      String source = body.path("$comment").asText();
      body.remove("$comment");
      String kind = body.at("/properties/kind/const").asText();
      String apiVersion = body.at("/properties/apiVersion/const").asText();
      if (kind.isEmpty() || apiVersion.isEmpty()) {
        throw new IllegalStateException(file + ": a template pins properties.apiVersion.const and properties.kind.const");
      }
      return document(kind, apiVersion,
          "Generated by " + SELF + " from the hand-written schema/src/build/kubernetes/"
              + file.replace(".json", TEMPLATE_SUFFIX) + ", with Kubernetes types from " + client.coordinates()
              + " (Kubernetes " + client.minor() + "); do not edit. See schema/KUBERNETES-VERSIONS.md. " + source,
          body, local);
    }

    private ObjectNode document(String kind, String apiVersion, String comment, ObjectNode body,
        Map<String, JsonNode> local) {
      ObjectNode document = NODES.objectNode();
      document.put("$schema", DRAFT_07);
      document.put("$comment", comment);
      document.put("title", kind + " (" + apiVersion + "), Kubernetes " + client.minor());
      document.setAll(body);
      SortedMap<String, JsonNode> reached = closure(body, local);
      if (!reached.isEmpty()) {
        ObjectNode definitions = document.putObject("definitions");
        reached.forEach(definitions::set);
      }
      return document;
    }

    /** Every definition {@code start} reaches through {@code #/definitions/...} references, deep-copied. */
    private SortedMap<String, JsonNode> closure(JsonNode start, Map<String, JsonNode> local) {
      SortedMap<String, JsonNode> reached = new TreeMap<>();
      Deque<JsonNode> pending = new ArrayDeque<>(List.of(start));
      while (!pending.isEmpty()) {
        JsonNode node = pending.pop();
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
          String name = ref.asText().substring("#/definitions/".length());
          if (!reached.containsKey(name)) {
            JsonNode target = local.containsKey(name) ? local.get(name).deepCopy() : definition(name).deepCopy();
            reached.put(name, target);
            pending.push(target);
          }
        }
        node.elements().forEachRemaining(pending::push);
      }
      return reached;
    }

    private JsonNode expand(JsonNode node, String file) {
      if (node.isObject() && node.has("$kubernetesType")) {
        if (node.size() != 1) {
          throw new IllegalStateException(file + ": $kubernetesType stands alone in its object: " + node);
        }
        String name = node.get("$kubernetesType").asText();
        boolean custom = name.equals("Quantity") || name.equals("IntOrString");
        return schemaFor(custom ? load(CUSTOM + name, file) : model(name, file), file);
      }
      if (node.isObject()) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          ((ObjectNode) node).set(name, expand(node.get(name), file));
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          ((ArrayNode) node).set(i, expand(node.get(i), file));
        }
      }
      return node;
    }

    /**
     * Adds the hand-kept enums to this version's models. An entry whose model or property is missing
     * fails the build, so a Kubernetes bump that renames a field cannot drop its enum silently.
     */
    void applyEnumOverlay(JsonNode overlay) {
      Set<String> keys = Set.of("definition", "property", "values", "source");
      for (JsonNode entry : overlay.path("enums")) {
        Iterator<String> names = entry.fieldNames();
        names.forEachRemaining(name -> {
          if (!keys.contains(name)) {
            throw new IllegalStateException(ENUM_OVERLAY + ": unknown key '" + name + "' in " + entry);
          }
        });
        String definition = entry.path("definition").asText();
        String property = entry.path("property").asText();
        String where = ENUM_OVERLAY + " entry " + definition + "." + property + " (Kubernetes " + client.minor() + ")";
        if (!entry.path("values").isArray() || entry.path("values").isEmpty() || entry.path("source").asText().isEmpty()) {
          throw new IllegalStateException(where + ": needs non-empty 'values' and a 'source'");
        }
        boolean items = property.endsWith("[]");
        String name = items ? property.substring(0, property.length() - 2) : property;
        JsonNode target = definition(definition).path("properties").path(name);
        if (items) {
          target = target.path("items");
        }
        if (!"string".equals(target.path("type").asText()) || target.has("enum")) {
          throw new IllegalStateException(where + ": no such string property without an enum: " + target);
        }
        ((ObjectNode) target).set("enum", entry.get("values").deepCopy());
      }
    }

    /** The cached schema of one model class, keyed by its simple name as in {@code #/definitions/}. */
    ObjectNode definition(String name) {
      ObjectNode cached = definitions.get(name);
      if (cached != null) {
        return cached;
      }
      Class<?> type = model(name, "definition " + name);
      ObjectNode schema = NODES.objectNode();
      // Cached before its fields are mapped: models may refer to themselves (V1JSONSchemaProps).
      definitions.put(name, schema);
      schema.put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      Set<String> declared = new TreeSet<>();
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        SerializedName serialized = field.getAnnotation(SerializedName.class);
        if (serialized == null) {
          throw new IllegalStateException(type.getName() + "." + field.getName() + " has no @SerializedName");
        }
        properties.set(serialized.value(), schemaFor(field.getGenericType(), name + "." + serialized.value()));
        declared.add(serialized.value());
      }
      Set<String> fields = new TreeSet<>(staticSet(type, "openapiFields"));
      Set<String> required = new TreeSet<>(staticSet(type, "openapiRequiredFields"));
      if (!declared.equals(fields) || !fields.containsAll(required)) {
        throw new IllegalStateException(type.getName() + ": @SerializedName fields " + declared
            + " differ from openapiFields " + fields + " or do not hold openapiRequiredFields " + required);
      }
      if (!required.isEmpty()) {
        schema.set("required", strings(required));
      }
      schema.put("additionalProperties", false);
      return schema;
    }

    /** The type mapping of K8S-SCHEMAS.md §4. Anything unmapped fails rather than becoming {@code {}}. */
    private JsonNode schemaFor(Type type, String where) {
      if (type instanceof ParameterizedType parameterized) {
        Type raw = parameterized.getRawType();
        Type[] arguments = parameterized.getActualTypeArguments();
        if (raw == List.class) {
          ObjectNode array = NODES.objectNode().put("type", "array");
          array.set("items", schemaFor(arguments[0], where + "[]"));
          return array;
        }
        if (raw == Map.class && arguments[0] == String.class) {
          ObjectNode map = NODES.objectNode().put("type", "object");
          map.set("additionalProperties", schemaFor(arguments[1], where + "{}"));
          return map;
        }
      } else if (type instanceof Class<?> c) {
        if (c == String.class) {
          return NODES.objectNode().put("type", "string");
        }
        if (c == Integer.class) {
          return NODES.objectNode().put("type", "integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
        }
        if (c == Long.class) {
          return NODES.objectNode().put("type", "integer");
        }
        if (c == Boolean.class) {
          return NODES.objectNode().put("type", "boolean");
        }
        if (c == Double.class || c == Float.class) {
          return NODES.objectNode().put("type", "number");
        }
        if (c == OffsetDateTime.class) {
          return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (c == byte[].class) {
          return NODES.objectNode().put("type", "string").put("contentEncoding", "base64");
        }
        if (c == Object.class) {
          return NODES.objectNode();
        }
        if (c.getName().equals(CUSTOM + "IntOrString")) {
          ObjectNode intOrString = NODES.objectNode();
          intOrString.putArray("anyOf")
              .add(NODES.objectNode().put("type", "integer"))
              .add(NODES.objectNode().put("type", "string"));
          return intOrString;
        }
        if (c.getName().equals(CUSTOM + "Quantity")) {
          ObjectNode quantity = NODES.objectNode();
          quantity.putArray("anyOf")
              .add(NODES.objectNode().put("type", "string").put("pattern", QUANTITY_PATTERN))
              .add(NODES.objectNode().put("type", "number"));
          return quantity;
        }
        if (c.getName().equals(MODELS + c.getSimpleName()) && c.getClassLoader() == loader) {
          definition(c.getSimpleName());
          return NODES.objectNode().put("$ref", "#/definitions/" + c.getSimpleName());
        }
      }
      throw new IllegalStateException("no JSON Schema mapping for " + type.getTypeName() + " at " + where
          + " in " + client.coordinates() + "; extend the mapping here and in shared/K8S-SCHEMAS.md §4");
    }

    private Class<?> model(String simpleName, String where) {
      return load(MODELS + simpleName, where);
    }

    private Class<?> load(String name, String where) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(where + ": " + client.coordinates() + " has no class " + name, e);
      }
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> staticSet(Class<?> type, String name) {
      try {
        return (Collection<String>) type.getField(name).get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(type.getName() + " has no public static " + name, e);
      }
    }
  }

  private static ObjectNode constant(String value) {
    return NODES.objectNode().put("type", "string").put("const", value);
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
