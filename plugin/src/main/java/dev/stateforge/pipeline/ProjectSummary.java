package dev.stateforge.pipeline;

import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.StorageClassSpec;
import dev.stateforge.spec.VolumeSnapshotClassSpec;
import dev.stateforge.verify.ObjectSet;
import dev.stateforge.verify.PodTemplates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the project-wide stages read from one app, for the per-app incremental build: a digest that
 * changes whenever another app, a shared file or a project check could see the app differently, and
 * the apps whose objects reach each other's in the verifier's lookups.
 *
 * <p>Read across apps (the audit in ARCHITECTURE.md, "Per-app builds"): the project rules read the
 * app's name and declared classes; the layout's shared files ({@code cluster/}, the environments'
 * and the top kustomizations, the GitOps targets) read its name, source file, namespace, environments,
 * whether it has backups or monitoring (its default root), declared classes and GitOps settings; the
 * verifier's base set lets a rule look up other objects by identity, a budget's selector, a claim's
 * name and the backup CronJob's name; the guard matches objects by identity. All of those are in the
 * digest; an app whose lookups reach another app's objects is {@link #entangled} and never compiled
 * on its own.
 */
public final class ProjectSummary {
  private ProjectSummary() {}

  /**
   * The label keys that any budget of the project selects by: a pod's other labels (its version)
   * are nobody else's business.
   */
  public static List<String> selectorKeys(List<OutputObject> objects) {
    Set<String> keys = new TreeSet<>();
    for (OutputObject object : objects) {
      if (object.object() instanceof PodDisruptionBudget pdb && pdb.getSpec() != null && pdb.getSpec().getSelector() != null
          && pdb.getSpec().getSelector().getMatchLabels() != null) {
        keys.addAll(pdb.getSpec().getSelector().getMatchLabels().keySet());
      }
    }
    return List.copyOf(keys);
  }

  /**
   * @param objects the app's objects in the verifier's base set (its files' objects)
   * @param selectorKeys {@link #selectorKeys} of the whole project
   */
  public static String digest(AppSpec app, List<OutputObject> objects, List<String> selectorKeys) {
    List<String> parts = new ArrayList<>();
    parts.add("name " + app.name());
    parts.add("source " + app.sourceFile());
    parts.add("namespace " + app.namespaceIfSet().orElse(""));
    parts.add("environments " + app.environments().keySet());
    parts.add("backups " + app.backups().isPresent() + " monitoring " + app.monitors().isPresent());
    parts.add("gitops " + app.gitops());
    for (StorageClassSpec c : app.storageClasses()) {
      parts.add("storageClass " + c);
    }
    for (VolumeSnapshotClassSpec c : app.volumeSnapshotClasses()) {
      parts.add("snapshotClass " + c);
    }
    List<String> surface = new ArrayList<>();
    for (OutputObject object : objects) {
      surface.addAll(surface(object, selectorKeys));
    }
    surface.sort(null);
    parts.addAll(surface);
    return sha256(String.join("\n", parts));
  }

  /** The object's identity and what other objects' lookups match it by. */
  private static List<String> surface(OutputObject object, List<String> selectorKeys) {
    HasMetadata o = object.object();
    String ns = namespace(o);
    List<String> out = new ArrayList<>();
    out.add("object " + identity(o));
    if (o instanceof PodDisruptionBudget pdb && pdb.getSpec() != null) {
      out.add("budget " + ns + " " + pdb.getSpec().getSelector());
    }
    if (o instanceof StatefulSet set && set.getSpec() != null && set.getSpec().getTemplate() != null
        && set.getSpec().getTemplate().getMetadata() != null) {
      Map<String, String> labels = new TreeMap<>(orEmpty(set.getSpec().getTemplate().getMetadata().getLabels()));
      labels.keySet().retainAll(selectorKeys);
      out.add("pods " + ns + " " + labels);
    }
    for (String claim : mounts(o)) {
      out.add("mounts " + ns + "/" + claim);
    }
    return out;
  }

  /**
   * The apps (top folders) whose objects another app's objects reach in the verifier's lookups: one
   * identity in two apps, a budget selecting another app's pods, a claim another app mounts, a
   * backup CronJob of another app's name. Each such lookup would make one app's findings depend on
   * another's objects.
   */
  public static Set<String> entangled(List<OutputObject> objects) {
    Set<String> out = new TreeSet<>();
    Map<String, String> owners = new HashMap<>();
    Map<String, List<OutputObject>> podsByLabel = new HashMap<>();
    for (OutputObject object : objects) {
      String app = TreePaths.top(object.file());
      String previous = owners.putIfAbsent(identity(object.object()), app);
      if (previous != null && !previous.equals(app)) {
        out.add(app);
        out.add(previous);
      }
      if (object.object() instanceof StatefulSet set && set.getSpec() != null && set.getSpec().getTemplate() != null
          && set.getSpec().getTemplate().getMetadata() != null) {
        orEmpty(set.getSpec().getTemplate().getMetadata().getLabels()).forEach((k, v) ->
            podsByLabel.computeIfAbsent(namespace(set) + " " + k + "=" + v, x -> new ArrayList<>()).add(object));
      }
    }
    for (OutputObject object : objects) {
      String app = TreePaths.top(object.file());
      HasMetadata o = object.object();
      String ns = namespace(o);
      if (o instanceof PodDisruptionBudget pdb && pdb.getSpec() != null && pdb.getSpec().getSelector() != null
          && pdb.getSpec().getSelector().getMatchLabels() != null && !pdb.getSpec().getSelector().getMatchLabels().isEmpty()) {
        Map.Entry<String, String> first = pdb.getSpec().getSelector().getMatchLabels().entrySet().iterator().next();
        for (OutputObject pods : podsByLabel.getOrDefault(ns + " " + first.getKey() + "=" + first.getValue(), List.of())) {
          String other = TreePaths.top(pods.file());
          StatefulSet set = (StatefulSet) pods.object();
          if (!other.equals(app) && ObjectSet.selects(pdb.getSpec().getSelector(), set.getSpec().getTemplate().getMetadata().getLabels())) {
            out.add(app);
            out.add(other);
          }
        }
      }
      for (String claim : mounts(o)) {
        String other = owners.get("v1 PersistentVolumeClaim " + ns + "/" + claim);
        if (other != null && !other.equals(app)) {
          out.add(app);
          out.add(other);
        }
      }
      if (o instanceof StatefulSet) {
        String other = owners.get("batch/v1 CronJob " + ns + "/" + app + "-backup");
        if (other != null && !other.equals(app)) {
          out.add(app);
          out.add(other);
        }
      }
    }
    return out;
  }

  /** Names of the claims a pod template mounts. */
  private static List<String> mounts(HasMetadata o) {
    return PodTemplates.pod(o).map(pod -> pod.spec().getVolumes()).orElse(List.of()).stream()
        .filter(v -> v.getPersistentVolumeClaim() != null)
        .map(v -> v.getPersistentVolumeClaim().getClaimName())
        .distinct().sorted().toList();
  }

  private static String identity(HasMetadata o) {
    return o.getApiVersion() + " " + o.getKind() + " " + namespace(o) + "/" + (o.getMetadata() == null ? "" : o.getMetadata().getName());
  }

  private static String namespace(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
