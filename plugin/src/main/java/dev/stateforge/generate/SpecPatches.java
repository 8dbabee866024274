package dev.stateforge.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.PatchSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a spec's {@code patches} to the objects generated from it, with zjsonpatch (RFC 6902), and
 * records which fields each operation touched, so that a finding on a patched field can be reported
 * at the patch. It reports nothing itself: what does not apply comes back as a {@link Problem} at the
 * spec path of the patch ({@code patches[0].operations[1]}); the patch is then left out, whole.
 */
public final class SpecPatches {
  private SpecPatches() {}

  /** A field an operation touched: a JSON pointer into the object, and the operation's spec path. */
  public record Touch(String pointer, SpecPath at) {}

  /** Why a patch did not apply. */
  public enum Reason {
    /** The target matches none of the app's objects. */
    TARGET_UNKNOWN,
    /** The target is of a kind the project writes once for every app (a StorageClass), which no app's patch may change. */
    TARGET_SHARED,
    /** An operation's path is not in the object, or a test failed. */
    DOES_NOT_APPLY,
    /** The patched object no longer reads as an object of its kind. */
    NOT_ITS_KIND
  }

  /** A patch that did not apply, at the spec path of the patch or of its operation. */
  public record Problem(Reason reason, SpecPath at, String target, String message, String hint) {}

  /**
   * The objects after the patches.
   *
   * @param touched by {@code Kind/name}: the fields the patches touched, in the order applied
   */
  public record Result(Map<OutputObject, OutputObject> replaced, Map<String, List<Touch>> touched, List<Problem> problems) {
    public static final Result NONE = new Result(Map.of(), Map.of(), List.of());

    /** {@code objects}, each replaced by its patched self. */
    public List<OutputObject> of(List<OutputObject> objects) {
      return objects.stream().map(o -> replaced.getOrDefault(o, o)).toList();
    }
  }

  /**
   * Applies {@code patches} to {@code objects}. A target in {@code known} (the app's objects in any
   * environment) that this set lacks is skipped: an environment that drops the backup component
   * drops the patches of its CronJob with it.
   */
  public static Result apply(List<PatchSpec> patches, List<OutputObject> objects, Collection<String> known) {
    if (patches.isEmpty()) {
      return Result.NONE;
    }
    Map<String, OutputObject> byName = new LinkedHashMap<>();
    objects.forEach(o -> byName.putIfAbsent(o.displayName(), o));
    Map<String, JsonNode> trees = new LinkedHashMap<>();
    Map<String, List<Touch>> touched = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < patches.size(); i++) {
      PatchSpec patch = patches.get(i);
      SpecPath at = SpecPath.of("patches", i);
      OutputObject target = byName.get(patch.target());
      if (target == null) {
        if (shared(patch.kind())) {
          problems.add(sharedTarget(patch, at.key("target").key("kind")));
        } else if (!known.contains(patch.target())) {
          problems.add(unknownTarget(patch, at.key("target"), known));
        }
        continue;
      }
      JsonNode before = trees.computeIfAbsent(patch.target(), t -> ObjectTrees.toTree(target.object()));
      JsonNode tree = before;
      List<Touch> touches = new ArrayList<>();
      boolean applied = true;
      for (int j = 0; j < patch.operations().size(); j++) {
        PatchSpec.Operation operation = patch.operations().get(j);
        SpecPath opAt = at.key("operations").index(j);
        ArrayNode single = ObjectTrees.JSON.createArrayNode().add(operation.toJson());
        try {
          if (operation.op().equals("move")) {
            touches.add(new Touch(operation.from(), opAt)); // a field the move takes away
          }
          touches.add(new Touch(pointer(tree, operation.path()), opAt));
          // RFC 6902 wants the path to exist for remove, replace and test, and from for move and copy;
          // zjsonpatch lets a remove of a missing key pass.
          String mustExist = switch (operation.op()) {
            case "add" -> null;
            case "move", "copy" -> operation.from();
            default -> operation.path();
          };
          if (operation.op().equals("move") && operation.path().startsWith(operation.from() + "/")) {
            throw new IllegalArgumentException(operation.from().substring(1).replace('/', '.') + " cannot be moved into itself");
          }
          if (mustExist != null && tree.at(mustExist).isMissingNode()) {
            throw new IllegalArgumentException("there is no " + mustExist.substring(1).replace('/', '.')
                + " in the generated object");
          }
          tree = JsonPatch.apply(single, tree);
        } catch (JsonPatchException | IllegalArgumentException e) {
          problems.add(new Problem(Reason.DOES_NOT_APPLY, opAt, patch.target(),
              operation.op() + " " + operation.path() + " does not apply to " + patch.target() + ": " + reason(e, operation),
              hint(operation)));
          applied = false;
          break;
        }
      }
      if (!applied) {
        continue;
      }
      try {
        ObjectTrees.JSON.treeToValue(tree, target.object().getClass());
      } catch (Exception e) {
        problems.add(new Problem(Reason.NOT_ITS_KIND, at, patch.target(),
            patch.target() + " is no longer a valid " + patch.kind() + " after this patch: " + firstLine(e.getMessage()),
            "give each field the type Kubernetes expects (a number for replicas, a list for containers …)"));
        continue;
      }
      trees.put(patch.target(), tree);
      touched.computeIfAbsent(patch.target(), t -> new ArrayList<>()).addAll(touches);
    }
    Map<OutputObject, OutputObject> replaced = new IdentityHashMap<>();
    for (Map.Entry<String, List<Touch>> entry : touched.entrySet()) {
      OutputObject target = byName.get(entry.getKey());
      try {
        HasMetadata patched = ObjectTrees.JSON.treeToValue(trees.get(entry.getKey()), target.object().getClass());
        replaced.put(target, new OutputObject(target.file(), patched));
      } catch (Exception e) {
        throw new IllegalStateException("a patched object that read back once no longer does", e);
      }
    }
    return new Result(replaced, touched, List.copyOf(problems));
  }

  private static Problem unknownTarget(PatchSpec patch, SpecPath at, Collection<String> known) {
    Set<String> sorted = new TreeSet<>(known);
    String closest = Suggestions.closest(patch.target(), sorted);
    String hint = (closest != null ? "did you mean " + closest + "? " : "")
        + "the app's objects: " + String.join(", ", sorted);
    return new Problem(Reason.TARGET_UNKNOWN, at, patch.target(),
        "the patch targets " + patch.target() + ", which the app does not generate", hint);
  }

  /** A kind the project writes once, in its cluster folder, for every app that uses it. */
  private static boolean shared(String kind) {
    return Arrays.stream(ObjectKind.values()).anyMatch(k -> k.scope() == ObjectKind.Scope.CLUSTER && k.kind().equals(kind));
  }

  /**
   * Refused rather than applied: a StorageClass is one object for every app that declares it alike
   * (storage-class-conflict keeps them alike), so one app's patch would change the others' class, or
   * make two apps' patches fight over it.
   */
  private static Problem sharedTarget(PatchSpec patch, SpecPath at) {
    String key = patch.kind().equals("StorageClass") ? "storageClasses" : "volumeSnapshotClasses";
    return new Problem(Reason.TARGET_SHARED, at, patch.target(),
        "the patch targets " + patch.target() + ", but a " + patch.kind()
            + " is shared: the project writes it once, in its cluster folder, for every app that uses it, "
            + "so one app's patch cannot change it",
        "say what the class needs in " + key + "." + patch.name()
            + " of every spec that declares it, or keep a kustomization of your own over the cluster folder");
  }

  /** The pointer an operation touches; {@code /x/-} (append) is the index the new item gets. */
  private static String pointer(JsonNode tree, String path) {
    if (path.endsWith("/-")) {
      String parent = path.substring(0, path.length() - 2);
      JsonNode list = tree.at(parent);
      return parent + "/" + (list.isArray() ? list.size() : 0);
    }
    return path;
  }

  private static String reason(Exception e, PatchSpec.Operation operation) {
    return firstLine(e.getMessage()); // zjsonpatch's own words: Missing field "env", Expected value "a" but found value "b"
  }

  private static String hint(PatchSpec.Operation operation) {
    return switch (operation.op()) {
      case "test" -> "the generated object changed under the patch: check it against the output and update the test";
      case "add" -> "add needs the parent of the path to exist: add the parent object first, or use the spec key for it";
      case "move" -> "move needs from to exist in the generated object, and the parent of a path that is not inside from: "
          + "look both up in the output (lists by index, from 0)";
      case "copy" -> "copy needs from to exist in the generated object, and the parent of the path: "
          + "look both up in the output (lists by index, from 0)";
      default -> operation.op() + " needs the path to exist in the generated object: look it up in the output "
          + "(lists by index, from 0), or use add to create it";
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
