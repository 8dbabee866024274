package dev.stateforge.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.spec.AppSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The overlay of one environment: the app's base, the components the environment keeps, and
 * patches for exactly what the environment's spec changes. The patches are computed by comparing
 * the objects generated from the base spec with those generated from the environment's spec, so
 * building the overlay gives the same objects as compiling the environment directly. Changes are
 * JSON 6902 operations (a list such as volumeClaimTemplates is replaced whole, never merged by
 * position); an object the environment drops is deleted with a strategic-merge {@code $patch:
 * delete}; an object only the environment has is written into the overlay.
 */
public final class OverlayGenerator {
  private OverlayGenerator() {}

  /** The components an environment includes: those the app defines and the environment leaves on. */
  public static List<String> components(AppSpec base, AppSpec variant) {
    List<String> components = new ArrayList<>();
    if (base.backups().isPresent() && variant.backups().isPresent()) {
      components.add("backup");
    }
    if (base.monitors().isPresent() && variant.monitors().isPresent()) {
      components.add("monitoring");
    }
    return components;
  }

  /** Every object an app produces in one environment (or the base): base objects, then the components it includes. */
  public static List<OutputObject> objects(AppSpec app, List<String> components) {
    List<OutputObject> all = new ArrayList<>(AppGenerator.generate(app));
    if (components.contains("backup")) {
      all.addAll(BackupGenerator.backup(app));
    }
    if (components.contains("monitoring")) {
      all.addAll(MonitoringGenerator.generate(app));
    }
    return all;
  }

  /** The overlay of one environment, from objects generated once ({@link AppObjects}). */
  public static List<OutputFile> overlay(AppObjects generated, AppObjects.EnvironmentObjects environment) {
    AppSpec base = generated.app();
    String dir = TreePaths.overlay(base.name(), environment.name());
    List<String> components = environment.components();
    Map<String, OutputObject> before = byIdentity(generated.withComponents(components));
    Map<String, OutputObject> after = byIdentity(environment.objects());

    List<Map<String, Object>> patches = new ArrayList<>();
    List<String> resources = new ArrayList<>(List.of(TreePaths.baseFromOverlay()));
    List<OutputFile> files = new ArrayList<>();
    for (String identity : new TreeSet<>(before.keySet())) {
      OutputObject was = before.get(identity);
      OutputObject now = after.get(identity);
      JsonNode wasTree = ObjectTrees.toTree(was.object());
      if (now == null) {
        ObjectNode delete = ObjectTrees.JSON.createObjectNode();
        delete.put("apiVersion", wasTree.path("apiVersion").asText());
        delete.put("kind", wasTree.path("kind").asText());
        delete.set("metadata", ObjectTrees.JSON.createObjectNode().put("name", was.object().getMetadata().getName()));
        delete.put("$patch", "delete");
        patches.add(patch(was, delete));
        continue;
      }
      ArrayNode operations = ObjectTrees.JSON.createArrayNode();
      diff(wasTree, ObjectTrees.toTree(now.object()), "", operations);
      if (!operations.isEmpty()) {
        patches.add(patch(was, operations));
      }
    }
    for (String identity : new TreeSet<>(after.keySet())) {
      if (!before.containsKey(identity)) {
        OutputObject added = after.get(identity);
        files.add(new OutputFile(TreePaths.file(dir, added.file()), base.sourceFile(), added.object()));
        resources.add(added.file());
      }
    }
    List<String> componentPaths = components.stream().map(TreePaths::componentFromOverlay).toList();
    files.add(new OutputFile(TreePaths.file(dir, TreePaths.KUSTOMIZATION), base.sourceFile(),
        Kustomization.of(resources, componentPaths, patches)));
    return files;
  }

  private static Map<String, OutputObject> byIdentity(List<OutputObject> manifests) {
    Map<String, OutputObject> out = new LinkedHashMap<>();
    for (OutputObject manifest : manifests) {
      out.put(manifest.object().getKind() + "/" + manifest.object().getMetadata().getName(), manifest);
    }
    return out;
  }

  private static Map<String, Object> patch(OutputObject target, JsonNode body) {
    Map<String, Object> patch = new LinkedHashMap<>();
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("kind", target.object().getKind());
    selector.put("name", target.object().getMetadata().getName());
    patch.put("target", selector);
    try {
      patch.put("patch", YamlFormat.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new StateforgeBug("cannot write an overlay patch", e);
    }
    return patch;
  }

  /** JSON 6902 operations that turn {@code from} into {@code to}: objects key by key, anything else replaced whole. */
  static void diff(JsonNode from, JsonNode to, String pointer, ArrayNode operations) {
    if (from.isObject() && to.isObject()) {
      Iterator<String> names = from.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!to.has(name)) {
          operations.addObject().put("op", "remove").put("path", pointer + "/" + escape(name));
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = to.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String path = pointer + "/" + escape(field.getKey());
        if (!from.has(field.getKey())) {
          operations.addObject().put("op", "add").put("path", path).set("value", field.getValue());
        } else {
          diff(from.get(field.getKey()), field.getValue(), path, operations);
        }
      }
    } else if (from.isArray() && to.isArray() && from.size() == to.size()) {
      // Generated lists keep their order, so same-length lists are compared item by item.
      for (int i = 0; i < from.size(); i++) {
        diff(from.get(i), to.get(i), pointer + "/" + i, operations);
      }
    } else if (!from.equals(to)) {
      operations.addObject().put("op", "replace").put("path", pointer).set("value", to);
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
