package dev.stateforge.schema.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Kubernetes schemas from the classpath the way the plugin does at runtime: resources, Jackson
 * and networknt only, no client-java. The layout is documented in schema/KUBERNETES-VERSIONS.md.
 */
final class KubernetesSchemaResources {
  static final String ROOT = "dev/stateforge/schema/kubernetes/";
  static final ObjectMapper JSON = new ObjectMapper();
  static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_7, b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private KubernetesSchemaResources() {}

  static JsonNode read(String resource) {
    try (InputStream in = KubernetesSchemaResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Kubernetes minors that have schemas, oldest first. */
  static List<String> versions() {
    List<String> versions = new ArrayList<>();
    read(ROOT + "index.json").path("versions").fieldNames().forEachRemaining(versions::add);
    versions.sort(Comparator.comparing((String v) -> Integer.parseInt(v.split("\\.")[0]))
        .thenComparing(v -> Integer.parseInt(v.split("\\.")[1])));
    return versions;
  }

  static JsonNode index(String minor) {
    String index = read(ROOT + "index.json").path("versions").path(minor).path("index").asText();
    return read(ROOT + index);
  }

  /** The schema resource for {@code apiVersion} + {@code kind} in one version, or empty: an unknown kind. */
  static Optional<String> resource(String minor, String apiVersion, String kind) {
    JsonNode file = index(minor).path("schemas").path(apiVersion).path(kind);
    return file.isTextual() ? Optional.of(ROOT + minor + "/" + file.asText()) : Optional.empty();
  }

  /** Every schema resource of one version, keyed by "apiVersion kind". */
  static SortedMap<String, String> resources(String minor) {
    SortedMap<String, String> resources = new TreeMap<>();
    for (Map.Entry<String, JsonNode> group : index(minor).path("schemas").properties()) {
      for (Map.Entry<String, JsonNode> kind : group.getValue().properties()) {
        resources.put(group.getKey() + " " + kind.getKey(), ROOT + minor + "/" + kind.getValue().asText());
      }
    }
    return resources;
  }

  /** Compiled once per resource: compiling the 70 KB workload schemas is the slow part. */
  static Schema schema(String resource) {
    return COMPILED.computeIfAbsent(resource, r -> REGISTRY.getSchema(read(r)));
  }

  /**
   * Each finding as {@code <JSON pointer> <keyword> [<property>]}, sorted, with {@code (root)} for the
   * empty pointer. The property names what {@code required} misses or {@code additionalProperties} rejects.
   */
  static List<String> findings(Schema schema, JsonNode manifest) {
    return schema.validate(manifest).stream()
        .map(KubernetesSchemaResources::finding)
        .distinct()
        .sorted()
        .toList();
  }

  static String finding(Error error) {
    String pointer = error.getInstanceLocation().toString();
    String finding = (pointer.isEmpty() ? "(root)" : pointer) + " " + error.getKeyword();
    return error.getProperty() == null ? finding : finding + " " + error.getProperty();
  }
}
