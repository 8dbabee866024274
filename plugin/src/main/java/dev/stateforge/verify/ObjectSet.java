package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stateforge.generate.ObjectTrees;
import dev.stateforge.generate.OutputObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The objects verified together, with the look-ups rules need across objects. Cross-object
 * questions are answered from indexes built once, so a build of a thousand apps stays linear.
 */
public final class ObjectSet {
  private final List<OutputObject> objects;
  private final VerifyContext context;
  /** Each object's position, for its JSON tree below; by identity, as records compare deeply. */
  private final Map<OutputObject, Integer> positions = new IdentityHashMap<>();
  /** JSON trees made on first use and shared by the schema check, the guard and the rules (read-only). */
  private final AtomicReferenceArray<JsonNode> trees;
  private Map<PodDisruptionBudget, StatefulSet> budgetTargets;
  private Set<StatefulSet> budgeted;
  private Map<String, List<OutputObject>> claimConsumers;
  private Map<String, StorageClass> storageClasses;
  private final Map<Class<?>, List<?>> byType = new java.util.concurrent.ConcurrentHashMap<>();

  public ObjectSet(List<OutputObject> objects, VerifyContext context) {
    this.objects = List.copyOf(objects);
    this.context = context;
    for (int i = 0; i < this.objects.size(); i++) {
      positions.putIfAbsent(this.objects.get(i), i);
    }
    this.trees = new AtomicReferenceArray<>(this.objects.size());
  }

  /**
   * The object as a JSON tree, serialized as it will be written; made once per object however many
   * checks read it. Callers must not change it. Lock-free: two threads may both make it, harmlessly.
   */
  public JsonNode tree(OutputObject object) {
    Integer at = positions.get(object);
    if (at == null) {
      return ObjectTrees.toTree(object.object());
    }
    JsonNode tree = trees.get(at);
    if (tree == null) {
      tree = ObjectTrees.toTree(object.object());
      trees.set(at, tree);
    }
    return tree;
  }

  /**
   * The object's size as compact JSON, counted without keeping the bytes: about what the API server
   * receives, and more than etcd stores (protobuf is smaller), so a size above a limit here may still fit.
   */
  public long jsonSize(OutputObject object) {
    long[] count = {0};
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    try {
      SIZE.writeValue(counter, tree(object));
    } catch (IOException e) {
      throw new IllegalStateException("counting bytes cannot fail", e);
    }
    return count[0];
  }

  /** Writes a tree as it is: compact, no configuration needed. */
  private static final ObjectMapper SIZE = new ObjectMapper();

  public List<OutputObject> objects() {
    return objects;
  }

  public VerifyContext context() {
    return context;
  }

  /** The objects of one type, in the set's order; computed once per type, since every rule asks. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return (List<T>) byType.computeIfAbsent(type,
        t -> objects.stream().map(OutputObject::object).filter(t::isInstance).map(t::cast).toList());
  }

  /** The StatefulSet in the same namespace whose pods a budget selects, if any. */
  public synchronized Optional<StatefulSet> budgetTarget(PodDisruptionBudget pdb) {
    indexBudgets();
    return Optional.ofNullable(budgetTargets.get(pdb));
  }

  /** Whether some budget of this set selects the pods of {@code set}. */
  public synchronized boolean hasBudget(StatefulSet set) {
    indexBudgets();
    return budgeted.contains(set);
  }

  /** The objects in the claim's namespace whose pod template mounts it by name (StatefulSets, CronJobs, Jobs). */
  public synchronized List<OutputObject> claimConsumers(PersistentVolumeClaim claim) {
    if (claimConsumers == null) {
      Map<String, List<OutputObject>> index = new HashMap<>();
      for (OutputObject object : objects) {
        PodTemplates.pod(object.object()).map(pod -> pod.spec().getVolumes()).orElse(List.of()).stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .map(v -> claimKey(namespace(object.object()), v.getPersistentVolumeClaim().getClaimName()))
            .distinct()
            .forEach(key -> index.computeIfAbsent(key, k -> new ArrayList<>()).add(object));
      }
      claimConsumers = index;
    }
    return claimConsumers.getOrDefault(claimKey(namespace(claim), name(claim)), List.of());
  }

  /** The StorageClass of this name in the set, if it declares one. */
  public synchronized Optional<StorageClass> storageClass(String name) {
    if (storageClasses == null) {
      storageClasses = new HashMap<>();
      ofType(StorageClass.class).forEach(c -> storageClasses.putIfAbsent(name(c), c));
    }
    return Optional.ofNullable(storageClasses.get(name));
  }

  /** The object's namespace, or null; hand-written objects may have no metadata at all. */
  static String namespace(HasMetadata object) {
    return object.getMetadata() == null ? null : object.getMetadata().getNamespace();
  }

  /** The object's name, or null. */
  static String name(HasMetadata object) {
    return object.getMetadata() == null ? null : object.getMetadata().getName();
  }

  private static String claimKey(String namespace, String claimName) {
    return namespace + "/" + claimName;
  }

  private void indexBudgets() {
    if (budgetTargets == null) {
      budgetTargets = indexBudgetTargets();
      budgeted = Collections.newSetFromMap(new IdentityHashMap<>());
      budgeted.addAll(budgetTargets.values());
    }
  }

  /**
   * Each budget's StatefulSet: the first, in the set's order, in the budget's namespace whose pod
   * labels it selects. The sets are indexed by namespace and pod label, and a budget looks only at
   * those carrying one of its labels: with every app in one namespace, trying each set against each
   * budget is quadratic in the number of apps.
   */
  private Map<PodDisruptionBudget, StatefulSet> indexBudgetTargets() {
    Map<String, List<StatefulSet>> byLabel = new HashMap<>();
    for (StatefulSet set : ofType(StatefulSet.class)) {
      if (set.getSpec() == null || set.getSpec().getTemplate() == null || set.getSpec().getTemplate().getMetadata() == null
          || set.getSpec().getTemplate().getMetadata().getLabels() == null) {
        continue;
      }
      set.getSpec().getTemplate().getMetadata().getLabels().forEach((key, value) ->
          byLabel.computeIfAbsent(labelKey(namespace(set), key, value), k -> new ArrayList<>()).add(set));
    }
    Map<PodDisruptionBudget, StatefulSet> targets = new IdentityHashMap<>();
    for (PodDisruptionBudget pdb : ofType(PodDisruptionBudget.class)) {
      LabelSelector selector = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
      if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
        continue; // selects nothing here (see selects)
      }
      Map.Entry<String, String> one = selector.getMatchLabels().entrySet().iterator().next();
      byLabel.getOrDefault(labelKey(namespace(pdb), one.getKey(), one.getValue()), List.of()).stream()
          .filter(s -> selects(selector, s.getSpec().getTemplate().getMetadata().getLabels()))
          .findFirst()
          .ifPresent(s -> targets.put(pdb, s));
    }
    return Collections.unmodifiableMap(targets);
  }

  private static String labelKey(String namespace, String key, String value) {
    return namespace + "\n" + key + "\n" + value;
  }

  /** Whether {@code selector} selects pods with {@code labels} (matchLabels only; expressions never match here). */
  public static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null || labels == null) {
      return false;
    }
    Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    boolean expressions = selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty();
    return !wanted.isEmpty() && !expressions
        && wanted.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }
}
