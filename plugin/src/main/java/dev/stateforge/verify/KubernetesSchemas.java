package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.stateforge.diag.StateforgeBug;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strict Kubernetes schemas shipped in the {@code stateforge-schema} jar, one folder per
 * Kubernetes minor (layout: schema/KUBERNETES-VERSIONS.md). Each schema is compiled once per JVM
 * and shared: Maven keeps the plugin's class realm for the whole build.
 */
public final class KubernetesSchemas {
  static final String ROOT = "dev/stateforge/schema/kubernetes/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Optional<Schema>> COMPILED = new ConcurrentHashMap<>();
  private static final Map<String, JsonNode> INDEXES = new ConcurrentHashMap<>();

  /**
   * Made on first validation, not when the versions are first asked for: an up-to-date build asks for
   * the default version and validates nothing, so it never loads the validator.
   */
  private static final class Registry {
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_7, b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
  }

  private KubernetesSchemas() {}

  /** The supported Kubernetes minors, oldest first. */
  public static List<String> versions() {
    List<String> versions = new ArrayList<>();
    rootIndex().path("versions").fieldNames().forEachRemaining(versions::add);
    versions.sort(Comparator.comparing((String v) -> Integer.parseInt(v.split("\\.")[0]))
        .thenComparing(v -> Integer.parseInt(v.split("\\.")[1])));
    return versions;
  }

  /** The default target: the newest supported minor. */
  public static String latest() {
    return rootIndex().path("latest").asText();
  }

  public static boolean supports(String version) {
    return rootIndex().path("versions").has(version);
  }

  /** Whether the version has a schema for this kind. */
  public static boolean knows(String version, String apiVersion, String kind) {
    return schemaFile(version, apiVersion, kind).isPresent();
  }

  /** Every violation of the version's schema, or empty when the object is valid. The kind must be known. */
  public static List<Error> validate(String version, String apiVersion, String kind, JsonNode object) {
    Schema schema = COMPILED.computeIfAbsent(version + " " + apiVersion + " " + kind,
        key -> schemaFile(version, apiVersion, kind).map(file -> Registry.REGISTRY.getSchema(read(ROOT + version + "/" + file))))
        .orElseThrow(() -> new IllegalArgumentException("no schema for " + apiVersion + " " + kind + " in " + version));
    return schema.validate(object);
  }

  private static Optional<String> schemaFile(String version, String apiVersion, String kind) {
    JsonNode index = INDEXES.computeIfAbsent(version,
        v -> read(ROOT + rootIndex().path("versions").path(v).path("index").asText()));
    JsonNode file = index.path("schemas").path(apiVersion).path(kind);
    return file.isTextual() ? Optional.of(file.asText()) : Optional.empty();
  }

  private static JsonNode rootIndex() {
    return INDEXES.computeIfAbsent("", v -> read(ROOT + "index.json"));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = KubernetesSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StateforgeBug("the Kubernetes schema " + resource + " is missing from the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new StateforgeBug("cannot read the Kubernetes schema " + resource, e);
    }
  }
}
