package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.generate.TreePaths;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an environment's overlay in a previous output built to, worked out from its files as kustomize
 * would: the app's base, the components the overlay lists, its own resources, then its patches. It
 * reads only what Stateforge writes into overlays: JSON 6902 add, replace and remove, and
 * strategic-merge deletes of whole objects. The data-safety guard compares this with the new
 * environment's objects, so a prod-only change is guarded like a change to the base.
 */
final class OverlayReplay {
  private static final YAMLMapper YAML = new YAMLMapper();

  private OverlayReplay() {}

  /**
   * The objects of {@code <app>/overlays/<environment>} in {@code previous} (path to bytes), keyed by
   * the file each came from, or empty when the previous output has no such overlay.
   */
  static Optional<Map<String, JsonNode>> objects(Map<String, byte[]> previous, String app, String environment)
      throws IOException {
    String dir = TreePaths.overlay(app, environment) + "/";
    byte[] kustomization = previous.get(dir + TreePaths.KUSTOMIZATION);
    if (kustomization == null) {
      return Optional.empty();
    }
    JsonNode overlay = YAML.readTree(kustomization);
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    List<String> folders = new ArrayList<>();
    overlay.path("components").forEach(c -> folders.add(resolve(dir, c.asText())));
    overlay.path("resources").forEach(r -> {
      String path = resolve(dir, r.asText());
      if (path.endsWith(".yaml")) {
        read(previous, path).ifPresent(tree -> objects.put(path, tree));
      } else {
        folders.add(0, path);
      }
    });
    for (String folder : folders) {
      byte[] list = previous.get(TreePaths.file(folder, TreePaths.KUSTOMIZATION));
      if (list == null) {
        continue;
      }
      for (JsonNode resource : YAML.readTree(list).path("resources")) {
        String path = folder + "/" + resource.asText();
        read(previous, path).ifPresent(tree -> objects.put(path, tree));
      }
    }
    for (JsonNode patch : overlay.path("patches")) {
      String kind = patch.at("/target/kind").asText();
      String name = patch.at("/target/name").asText();
      JsonNode body = YAML.readTree(patch.path("patch").asText());
      objects.entrySet().removeIf(e -> body.isObject() && "delete".equals(body.path("$patch").asText())
          && matches(e.getValue(), kind, name));
      if (body.isArray()) {
        objects.replaceAll((file, tree) -> matches(tree, kind, name) ? applied(body, tree, dir, kind + "/" + name) : tree);
      }
    }
    return Optional.of(objects);
  }

  private static boolean matches(JsonNode tree, String kind, String name) {
    return tree.path("kind").asText().equals(kind) && tree.at("/metadata/name").asText().equals(name);
  }

  private static Optional<JsonNode> read(Map<String, byte[]> previous, String path) {
    byte[] bytes = previous.get(path);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      JsonNode tree = YAML.readTree(bytes);
      return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not Stateforge's YAML any more: nothing to compare
    }
  }

  /** {@code ../../base} seen from {@code app/overlays/env/} is {@code app/base}. */
  private static String resolve(String dir, String relative) {
    List<String> parts = new ArrayList<>(List.of(dir.substring(0, dir.length() - 1).split("/")));
    for (String part : relative.split("/")) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return ""; // above the output directory: names no file of it
        }
        parts.remove(parts.size() - 1);
      } else if (!part.equals(".") && !part.isEmpty()) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * The object with an overlay patch applied. Stateforge wrote the patch against this very object, so
   * a patch that does not apply means the guard would compare against the wrong previous state: stop.
   */
  private static JsonNode applied(JsonNode patch, JsonNode tree, String overlay, String target) {
    try {
      return JsonPatch.apply(patch, tree);
    } catch (JsonPatchException e) {
      throw new StateforgeBug("a patch of " + overlay + "kustomization.yaml does not apply to " + target
          + " of the previous output: " + e.getMessage(), e);
    }
  }
}
