package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.ObjectKind;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.spec.SpecKeys;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the new output with the previous one (the committed tree) before anything is written,
 * and stops changes that a GitOps sync would turn into lost data or a stuck rollout: immutable
 * StatefulSet fields, shrinking or re-classing a volume, growing one its class cannot grow, changing
 * a StorageClass in place, removing an app (its claims are orphaned), and retention or reclaim
 * flipped to Delete. Each finding carries the safe migration in its hint, and can be acknowledged.
 */
public final class DataSafetyGuard {

  /** Every code the guard reports (the {@link Code.Family#GUARD} family); each can be acknowledged in a spec with a reason. */
  public static final List<Code> CODES = Codes.all().stream().filter(c -> c.family() == Code.Family.GUARD).sorted().toList();

  /**
   * Immutable StatefulSet fields, in report order, with the spec key each follows: selector and
   * serviceName change only through the cluster keys that keep those of a StatefulSet taken over (a
   * new name is a new StatefulSet, reported as app-removed).
   */
  private static final List<Map.Entry<String, SpecPath>> IMMUTABLE_FIELDS = List.of(
      Map.entry("/spec/selector", SpecKeys.CLUSTER_SELECTOR),
      Map.entry("/spec/serviceName", SpecKeys.CLUSTER_SERVICE_NAME),
      Map.entry("/spec/podManagementPolicy", SpecKeys.POD_MANAGEMENT_POLICY));

  private static final ObjectMapper YAML = new YAMLMapper();

  /**
   * One dangerous change.
   *
   * @param app the app it belongs to (the first path segment of the object's file)
   * @param specPath the spec key that changed; the root when the app is gone
   * @param object the changed object's {@code Kind/name}, when the change is to one of its fields; else null
   * @param pointer that field, as a JSON pointer, so a spec's patch of it can be blamed; else null
   */
  public record Change(Code code, Severity severity, String app, String file, SpecPath specPath, String message, String hint,
      String object, String pointer) {

    /** A change with no field of its own to point at (an app removed, a StorageClass). */
    public Change(Code code, Severity severity, String app, String file, SpecPath specPath, String message, String hint) {
      this(code, severity, app, file, specPath, message, hint, null, null);
    }
  }

  private DataSafetyGuard() {}

  /** The changes from {@code previous} (path to YAML bytes) to {@code next}; an empty previous tree means a first build. */
  public static List<Change> compare(Map<String, byte[]> previous, ObjectSet next) throws IOException {
    Map<String, Keyed> before = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : previous.entrySet()) {
      if (!file.getKey().endsWith(".yaml") || file.getKey().endsWith("kustomization.yaml")) {
        continue;
      }
      JsonNode tree = YAML.readTree(file.getValue());
      if (tree != null && tree.isObject() && tree.has("kind") && !tree.at("/metadata/name").asText("").isEmpty()) {
        before.put(identity(tree), new Keyed(file.getKey(), tree));
      }
    }
    return changes(before, next);
  }

  /**
   * The changes to what {@code <app>/overlays/<environment>} of the previous output built to; none
   * when it had no such overlay. {@code next} holds the environment's new objects (files under that
   * overlay) and the cluster objects.
   */
  public static List<Change> compareEnvironment(Map<String, byte[]> previous, String app, String environment, ObjectSet next)
      throws IOException {
    Map<String, Keyed> before = new TreeMap<>();
    String dir = TreePaths.overlay(app, environment);
    OverlayReplay.objects(previous, app, environment).orElse(Map.of()).forEach((file, tree) -> {
      if (tree.has("kind") && !tree.at("/metadata/name").asText("").isEmpty()) {
        before.put(identity(tree), new Keyed(TreePaths.file(dir, file.substring(file.lastIndexOf('/') + 1)), tree));
      }
    });
    return changes(before, next);
  }

  private static List<Change> changes(Map<String, Keyed> before, ObjectSet next) {
    Map<String, Keyed> after = new HashMap<>();
    for (OutputObject object : next.objects()) {
      JsonNode tree = next.tree(object);
      after.put(identity(tree), new Keyed(object.file(), tree));
    }
    Map<String, JsonNode> classesAfter = new HashMap<>();
    after.values().stream().filter(k -> k.tree.path("kind").asText().equals(ObjectKind.STORAGE_CLASS.kind()))
        .forEach(k -> classesAfter.put(k.tree.at("/metadata/name").asText(), k.tree));

    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, Keyed> old : before.entrySet()) {
      Keyed was = old.getValue();
      Keyed now = after.get(old.getKey());
      String kind = was.tree.path("kind").asText();
      if (kind.equals(ObjectKind.STATEFUL_SET.kind())) {
        if (now == null) {
          changes.add(removed(was));
        } else {
          statefulSet(was, now, classesAfter, changes);
        }
      } else if (kind.equals(ObjectKind.STORAGE_CLASS.kind()) && now != null) {
        storageClass(was, now, changes);
      }
    }
    return changes;
  }

  private record Keyed(String file, JsonNode tree) {
    String app() {
      return TreePaths.top(file);
    }

    String name() {
      return tree.at("/metadata/name").asText();
    }
  }

  private static String identity(JsonNode tree) {
    return tree.path("apiVersion").asText() + " " + tree.path("kind").asText() + " "
        + tree.at("/metadata/namespace").asText("") + "/" + tree.at("/metadata/name").asText();
  }

  private static Change removed(Keyed was) {
    String name = was.name();
    return new Change(Codes.APP_REMOVED, Severity.ERROR, was.app(), was.file, SpecPath.ROOT,
        "StatefulSet " + name + " is no longer produced: a GitOps prune deletes it, and the claims of its pods ("
            + claimNames(was.tree) + ") stay behind, orphaned",
        "if the app is renamed, it gets new, empty volumes: keep the old name. To retire it, back it up, "
            + "then acknowledge { app-removed = \"why\" } in a remaining spec or remove it in a build of its own, "
            + "and delete the claims by hand once the data is safe");
  }

  private static String claimNames(JsonNode set) {
    List<String> names = new ArrayList<>();
    set.at("/spec/volumeClaimTemplates").forEach(t -> names.add(t.at("/metadata/name").asText() + "-" + set.at("/metadata/name").asText() + "-<n>"));
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static void statefulSet(Keyed was, Keyed now, Map<String, JsonNode> classes, List<Change> changes) {
    String name = was.name();
    String recreate = "the API server rejects this change; to make it, delete the StatefulSet with "
        + "'kubectl delete statefulset " + name + " --cascade=orphan' (pods and claims stay), then let the sync "
        + "create the new one; or revert it";
    for (Map.Entry<String, SpecPath> field : IMMUTABLE_FIELDS) {
      String pointer = field.getKey();
      if (!Objects.equals(was.tree.at(pointer), now.tree.at(pointer))) {
        changes.add(new Change(Codes.IMMUTABLE_FIELD, Severity.ERROR, now.app(), now.file, field.getValue(),
            "StatefulSet " + name + " changes " + pointer.substring(1).replace('/', '.') + ", which is immutable", recreate,
            "StatefulSet/" + name, pointer));
      }
    }
    ordinals(was, now, changes);
    subPaths(was, now, changes);
    Map<String, JsonNode> oldTemplates = templates(was.tree);
    Map<String, JsonNode> newTemplates = templates(now.tree);
    if (!oldTemplates.keySet().equals(newTemplates.keySet())) {
      changes.add(new Change(Codes.IMMUTABLE_FIELD, Severity.ERROR, now.app(), now.file, SpecKeys.STORAGE,
          "StatefulSet " + name + " changes its volumes from " + oldTemplates.keySet() + " to " + newTemplates.keySet()
              + "; volumeClaimTemplates are immutable", recreate, "StatefulSet/" + name, "/spec/volumeClaimTemplates"));
    }
    for (Map.Entry<String, JsonNode> template : newTemplates.entrySet()) {
      JsonNode old = oldTemplates.get(template.getKey());
      if (old != null) {
        volume(name, now, template.getKey(), old, template.getValue(), classes, changes);
      }
    }
    for (String when : new String[] {"whenDeleted", "whenScaled"}) {
      String before = was.tree.at("/spec/persistentVolumeClaimRetentionPolicy/" + when).asText("Retain");
      String after = now.tree.at("/spec/persistentVolumeClaimRetentionPolicy/" + when).asText("Retain");
      if (!before.equals("Delete") && after.equals("Delete")) {
        changes.add(new Change(Codes.RETENTION_DELETE, Severity.ERROR, now.app(), now.file, SpecKeys.retention(when),
            "StatefulSet " + name + " now deletes its claims " + (when.equals("whenDeleted") ? "when it is deleted" : "on scale-down"),
            "keep Retain for data that matters; acknowledge { retention-delete = \"why\" } if the data rebuilds itself"));
      }
    }
  }

  /**
   * A claim mounted from another subPath: the pods start on another directory of the same volume,
   * empty or holding something else, while the data stays where it was. The API server accepts it.
   */
  private static void subPaths(Keyed was, Keyed now, List<Change> changes) {
    Map<String, String> before = claimSubPaths(was.tree);
    for (String list : List.of("containers", "initContainers")) {
      JsonNode containers = now.tree.at("/spec/template/spec/" + list);
      int sidecars = 0;
      int inits = 0;
      for (int i = 0; i < containers.size(); i++) {
        JsonNode container = containers.get(i);
        // The main container mounts a volume where storage declares it; the others where their mounts say.
        SpecPath declared = null;
        if (list.equals("initContainers")) {
          boolean sidecar = "Always".equals(container.path("restartPolicy").asText());
          declared = sidecar ? SpecPath.of("sidecars").index(sidecars++) : SpecPath.of("initContainers").index(inits++);
        }
        JsonNode mounts = container.path("volumeMounts");
        for (int j = 0; j < mounts.size(); j++) {
          JsonNode mount = mounts.get(j);
          String key = list + "/" + container.path("name").asText() + "/" + mount.path("name").asText() + "/"
              + mount.path("mountPath").asText();
          String old = before.get(key);
          String subPath = mount.path("subPath").asText("");
          if (old == null || old.equals(subPath)) {
            continue;
          }
          String volume = mount.path("name").asText();
          SpecPath at = declared == null ? SpecKeys.volume(volume).key("subPath")
              : declared.key("mounts").key(volume).key("subPath");
          changes.add(new Change(Codes.VOLUME_SUBPATH_CHANGE, Severity.ERROR, now.app(), now.file, at,
              "StatefulSet " + was.name() + " mounts volume " + volume + " at " + mount.path("mountPath").asText()
                  + (declared == null ? "" : " in container " + container.path("name").asText()) + " from "
                  + describe(old) + ", now from " + describe(subPath) + ": the pods start on another directory of the same claim, "
                  + "and the data stays in the old one",
              "revert it; to move the data, stop the app, move the directory inside the claim (a Job or a shell in the pod), "
                  + "then acknowledge { volume-subpath-change = \"why\" } in the build that changes the subPath",
              "StatefulSet/" + was.name(), "/spec/template/spec/" + list + "/" + i + "/volumeMounts/" + j + "/subPath"));
        }
      }
    }
  }

  private static String describe(String subPath) {
    return subPath.isEmpty() ? "the volume's root" : "subPath " + subPath;
  }

  /** The subPath of each mount of a claim (a per-pod template or a shared claim), by container list, container, volume and mount path. */
  private static Map<String, String> claimSubPaths(JsonNode set) {
    java.util.Set<String> claims = new java.util.HashSet<>(templates(set).keySet());
    set.at("/spec/template/spec/volumes").forEach(v -> {
      if (v.has("persistentVolumeClaim")) {
        claims.add(v.path("name").asText());
      }
    });
    Map<String, String> out = new TreeMap<>();
    for (String list : List.of("containers", "initContainers")) {
      set.at("/spec/template/spec/" + list).forEach(c -> c.path("volumeMounts").forEach(m -> {
        if (claims.contains(m.path("name").asText())) {
          out.put(list + "/" + c.path("name").asText() + "/" + m.path("name").asText() + "/" + m.path("mountPath").asText(),
              m.path("subPath").asText(""));
        }
      }));
    }
    return out;
  }

  /**
   * The API server lets ordinals.start change, and the controller then renumbers the pods: those
   * outside the new range are deleted, new ones get new, empty claims, and the old claims stay behind.
   * An engine whose member ids are the ordinals sees members leave and strangers join.
   */
  private static void ordinals(Keyed was, Keyed now, List<Change> changes) {
    long before = was.tree.at("/spec/ordinals/start").asLong(0); // unset is 0, as in the API
    long after = now.tree.at("/spec/ordinals/start").asLong(0);
    if (before == after) {
      return;
    }
    String name = was.name();
    long replicas = now.tree.at("/spec/replicas").asLong(1);
    changes.add(new Change(Codes.ORDINALS_START_CHANGE, Severity.ERROR, now.app(), now.file, SpecKeys.ORDINALS_START,
        "StatefulSet " + name + " changes spec.ordinals.start from " + before + " to " + after + ", which renumbers its pods"
            + (replicas > 0 ? " (" + pods(name, before, replicas) + (replicas == 1 ? " becomes " : " become ") + pods(name, after, replicas) + ")" : "")
            + ": a pod of a new ordinal starts on a new, empty claim, and the claims of the old ordinals stay behind",
        "revert it; member ids usually follow the ordinals, so to renumber a cluster, back it up and restore it into the new "
            + "numbering, then acknowledge { ordinals-start-change = \"why\" }"));
  }

  /** {@code zk-0 to zk-2}, or the one pod. */
  private static String pods(String name, long start, long replicas) {
    return replicas == 1 ? name + "-" + start : name + "-" + start + " to " + name + "-" + (start + replicas - 1);
  }

  private static void volume(String set, Keyed now, String volume, JsonNode old, JsonNode fresh,
      Map<String, JsonNode> classes, List<Change> changes) {
    SpecPath base = SpecKeys.volume(volume);
    String oldClass = old.at("/spec/storageClassName").asText("");
    String newClass = fresh.at("/spec/storageClassName").asText("");
    if (!oldClass.equals(newClass)) {
      changes.add(new Change(Codes.VOLUME_CLASS_CHANGE, Severity.ERROR, now.app(), now.file, base.key("class"),
          "volume " + volume + " of " + set + " moves from class \"" + oldClass + "\" to \"" + newClass
              + "\": existing claims keep their class, and the template change is rejected",
          "to move data to another class: back up, create the new StatefulSet under a new name or restore into claims of the "
              + "new class, then switch clients; or revert the class"));
    }
    BigDecimal before = bytes(old.at("/spec/resources/requests/storage").asText());
    BigDecimal after = bytes(fresh.at("/spec/resources/requests/storage").asText());
    if (before == null || after == null || before.compareTo(after) == 0) {
      return;
    }
    if (after.compareTo(before) < 0) {
      changes.add(new Change(Codes.VOLUME_SHRINK, Severity.ERROR, now.app(), now.file, base.key("size"),
          "volume " + volume + " of " + set + " shrinks from " + old.at("/spec/resources/requests/storage").asText()
              + " to " + fresh.at("/spec/resources/requests/storage").asText() + "; Kubernetes cannot shrink a claim",
          "keep the size; to really shrink, back up and restore into a new, smaller app"));
      return;
    }
    JsonNode storageClass = classes.get(newClass);
    boolean expandable = storageClass != null && storageClass.path("allowVolumeExpansion").asBoolean(false);
    String namespace = now.tree.at("/metadata/namespace").asText("");
    String in = namespace.isEmpty() ? "" : " -n " + namespace;
    String plan = "resize plan: 1) kubectl patch pvc" + in + " " + volume + "-" + set + "-<n> -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\""
        + fresh.at("/spec/resources/requests/storage").asText() + "\"}}}}' for each pod; 2) kubectl delete statefulset" + in + " " + set
        + " --cascade=orphan; 3) let the sync recreate it with the new template";
    changes.add(new Change(Codes.VOLUME_GROW, expandable ? Severity.WARNING : Severity.ERROR, now.app(), now.file, base.key("size"),
        "volume " + volume + " of " + set + " grows to " + fresh.at("/spec/resources/requests/storage").asText()
            + (expandable ? "; the template is immutable, so the claims must be resized by hand"
                : storageClass == null ? "; Stateforge does not declare class \"" + newClass + "\", so it cannot tell whether it allows expansion"
                : "; class \"" + newClass + "\" does not allow volume expansion"),
        expandable ? plan
            : storageClass == null
                ? "check that the class allows expansion (kubectl get storageclass " + newClass
                    + " -o jsonpath='{.allowVolumeExpansion}'), acknowledge { volume-grow = \"why\" }, then follow the " + plan
                : "set allowVolumeExpansion = true on the class if its driver supports it, then follow the " + plan
                    + "; or acknowledge { volume-grow = \"why\" } once you have checked the class"));
  }

  private static void storageClass(Keyed was, Keyed now, List<Change> changes) {
    String name = was.name();
    String owner = now.app();
    // The API server refuses updates to all four; a flip to reclaimPolicy Delete is reported as reclaim-delete.
    boolean toDelete = !"Delete".equals(was.tree.path("reclaimPolicy").asText()) && "Delete".equals(now.tree.path("reclaimPolicy").asText());
    for (String field : new String[] {"provisioner", "parameters", "reclaimPolicy", "volumeBindingMode"}) {
      if (field.equals("reclaimPolicy") && toDelete) {
        continue;
      }
      if (!Objects.equals(was.tree.path(field), now.tree.path(field))) {
        changes.add(new Change(Codes.STORAGE_CLASS_CHANGE, Severity.ERROR, owner, now.file, SpecKeys.storageClass(name, field),
            "StorageClass " + name + " changes its " + field + ", which the API server does not allow to change",
            "declare a class with a new name and move volumes to it (back up, restore); or revert"));
      }
    }
    if (toDelete) {
      changes.add(new Change(Codes.RECLAIM_DELETE, Severity.ERROR, owner, now.file, SpecKeys.storageClass(name, "reclaimPolicy"),
          "StorageClass " + name + " now deletes volumes with their claims (reclaimPolicy Delete)",
          "keep Retain for classes that hold data; acknowledge { reclaim-delete = \"why\" } for scratch data"));
    }
  }

  private static Map<String, JsonNode> templates(JsonNode set) {
    Map<String, JsonNode> out = new TreeMap<>();
    set.at("/spec/volumeClaimTemplates").forEach(t -> out.put(t.at("/metadata/name").asText(), t));
    return out;
  }

  private static BigDecimal bytes(String quantity) {
    var parsed = dev.stateforge.spec.Quantity.parseOrNull(quantity);
    return parsed == null ? null : parsed.value();
  }
}
