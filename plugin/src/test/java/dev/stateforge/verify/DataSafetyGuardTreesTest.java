package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.verify.DataSafetyGuard.Change;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data-safety guard on object trees, without the compiler: a previous tree (file to YAML) and the
 * new objects, edited one field at a time, and the exact finding each edit must give — code, severity,
 * app, file, spec path, message and hint. {@link DataSafetyGuardTest} covers the same findings end to
 * end, with spec lines and acknowledgements.
 */
class DataSafetyGuardTreesTest {
  static final ObjectMapper YAML = new YAMLMapper();

  static final String SET_FILE = "ledger/base/statefulset.yaml";
  static final String CLASS_FILE = "cluster/storageclass-fast.yaml";

  static final String SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: ledger
        namespace: finance
      spec:
        serviceName: ledger
        podManagementPolicy: OrderedReady
        replicas: 3
        selector:
          matchLabels:
            app.kubernetes.io/name: ledger
        template:
          metadata:
            labels:
              app.kubernetes.io/name: ledger
          spec:
            containers:
            - name: ledger
              image: postgres:16.4
        persistentVolumeClaimRetentionPolicy:
          whenDeleted: Retain
          whenScaled: Retain
        volumeClaimTemplates:
        - metadata:
            name: data
          spec:
            accessModes: [ReadWriteOnce]
            storageClassName: fast
            resources:
              requests:
                storage: 10Gi
      """;

  static final String CLASS = """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata:
        name: fast
      provisioner: ebs.csi.aws.com
      parameters:
        type: gp3
      reclaimPolicy: Retain
      volumeBindingMode: WaitForFirstConsumer
      allowVolumeExpansion: true
      """;

  static final String RECREATE = "the API server rejects this change; to make it, delete the StatefulSet with "
      + "'kubectl delete statefulset ledger --cascade=orphan' (pods and claims stay), then let the sync create the new one; or revert it";

  static final String PLAN = "resize plan: 1) kubectl patch pvc -n finance data-ledger-<n> -p "
      + "'{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"20Gi\"}}}}' for each pod; "
      + "2) kubectl delete statefulset -n finance ledger --cascade=orphan; 3) let the sync recreate it with the new template";

  /** The previous output: the StatefulSet and its class, plus files the guard must skip. */
  static Map<String, byte[]> previous() {
    Map<String, byte[]> files = new TreeMap<>();
    files.put(SET_FILE, bytes(SET));
    files.put(CLASS_FILE, bytes(CLASS));
    files.put("ledger/base/kustomization.yaml", bytes("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [statefulset.yaml]\n"));
    files.put("ledger/README.md", bytes("not YAML: { ["));
    files.put("ledger/base/unnamed.yaml", bytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));
    files.put("ledger/base/list.yaml", bytes("- a\n- b\n"));
    return files;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode tree(String yaml) {
    try {
      return (ObjectNode) YAML.readTree(yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The new output: the StatefulSet and the class of {@link #previous()}, each edited. */
  static List<Change> changes(Consumer<ObjectNode> setEdit, Consumer<ObjectNode> classEdit) throws IOException {
    List<OutputObject> objects = new ArrayList<>();
    ObjectNode set = tree(SET);
    setEdit.accept(set);
    if (!set.isEmpty()) {
      objects.add(new OutputObject(SET_FILE, YAML.treeToValue(set, StatefulSet.class)));
    }
    ObjectNode storageClass = tree(CLASS);
    classEdit.accept(storageClass);
    if (!storageClass.isEmpty()) {
      objects.add(new OutputObject(CLASS_FILE, YAML.treeToValue(storageClass, StorageClass.class)));
    }
    return DataSafetyGuard.compare(previous(), new ObjectSet(objects, VerifyContext.of(KubernetesSchemas.latest())));
  }

  static List<Change> setChanges(Consumer<ObjectNode> setEdit) throws IOException {
    return changes(setEdit, c -> {});
  }

  static List<Change> classChanges(Consumer<ObjectNode> classEdit) throws IOException {
    return changes(s -> {}, classEdit);
  }

  static ObjectNode spec(ObjectNode set) {
    return (ObjectNode) set.get("spec");
  }

  static ObjectNode template(ObjectNode set) {
    return (ObjectNode) spec(set).withArray("volumeClaimTemplates").get(0).get("spec");
  }

  static void size(ObjectNode set, String size) {
    ((ObjectNode) template(set).get("resources").get("requests")).put("storage", size);
  }

  @Test
  void theSameOutputHasNoFinding() throws IOException {
    assertThat(changes(s -> {}, c -> {})).isEmpty();
  }

  @Test
  void aFirstBuildHasNoFinding() throws IOException {
    StatefulSet set = YAML.readValue(SET, StatefulSet.class);
    assertThat(DataSafetyGuard.compare(Map.of(), new ObjectSet(List.of(new OutputObject(SET_FILE, set)),
        VerifyContext.of(KubernetesSchemas.latest())))).isEmpty();
  }

  /** Changes that Kubernetes applies in place are no finding: replicas, the pod template, an equal size written another way. */
  @Test
  void aChangeTheApiServerAcceptsHasNoFinding() throws IOException {
    assertThat(setChanges(s -> {
      spec(s).put("replicas", 5);
      ((ObjectNode) s.at("/spec/template/spec/containers/0")).put("image", "postgres:16.5");
      size(s, "10240Mi");
    })).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "/spec/selector            | cluster.selector    | spec.selector",
    "/spec/serviceName         | cluster.serviceName | spec.serviceName",
    "/spec/podManagementPolicy | podManagementPolicy | spec.podManagementPolicy",
  })
  void eachImmutableFieldIsAFinding(String pointer, String specPath, String field) throws IOException {
    List<Change> changes = setChanges(s -> {
      if (pointer.equals("/spec/selector")) {
        ((ObjectNode) s.at("/spec/selector/matchLabels")).put("app.kubernetes.io/instance", "ledger");
      } else if (pointer.equals("/spec/serviceName")) {
        spec(s).put("serviceName", "ledger-headless");
      } else {
        spec(s).put("podManagementPolicy", "Parallel");
      }
    });

    assertThat(changes).containsExactly(new Change(Codes.IMMUTABLE_FIELD, Severity.ERROR, "ledger", SET_FILE,
        SpecPath.of((Object[]) specPath.split("\\.")), "StatefulSet ledger changes " + field + ", which is immutable", RECREATE,
        "StatefulSet/ledger", pointer));
  }

  static final String RENUMBER_HINT = "revert it; member ids usually follow the ordinals, so to renumber a cluster, back it up and "
      + "restore it into the new numbering, then acknowledge { ordinals-start-change = \"why\" }";

  /** The API server takes a new ordinals.start, and renumbers the pods: a finding of its own, at cluster.ordinals.start. */
  @Test
  void aNewFirstOrdinalRenumbersThePods() throws IOException {
    List<Change> changes = setChanges(s -> spec(s).putObject("ordinals").put("start", 1));

    assertThat(changes).containsExactly(new Change(Codes.ORDINALS_START_CHANGE, Severity.ERROR, "ledger", SET_FILE,
        SpecPath.of("cluster", "ordinals", "start"),
        "StatefulSet ledger changes spec.ordinals.start from 0 to 1, which renumbers its pods (ledger-0 to ledger-2 become "
            + "ledger-1 to ledger-3): a pod of a new ordinal starts on a new, empty claim, and the claims of the old ordinals stay behind",
        RENUMBER_HINT));
  }

  /** Unset is 0, as in the API: writing start 0 is no change, dropping start 5 is one. */
  @Test
  void anUnsetFirstOrdinalIsZero() throws IOException {
    assertThat(setChanges(s -> spec(s).putObject("ordinals").put("start", 0))).isEmpty();

    Map<String, byte[]> before = previous();
    ObjectNode five = tree(SET);
    spec(five).putObject("ordinals").put("start", 5);
    spec(five).put("replicas", 1);
    before.put(SET_FILE, YAML.writeValueAsBytes(five));
    ObjectNode one = tree(SET);
    spec(one).put("replicas", 1);
    List<Change> changes = DataSafetyGuard.compare(before, new ObjectSet(List.of(new OutputObject(SET_FILE,
        YAML.treeToValue(one, StatefulSet.class))), VerifyContext.of(KubernetesSchemas.latest())));
    assertThat(changes).extracting(Change::code, Change::message).containsExactly(Tuple.tuple(Codes.ORDINALS_START_CHANGE,
        "StatefulSet ledger changes spec.ordinals.start from 5 to 0, which renumbers its pods (ledger-5 becomes ledger-0): "
            + "a pod of a new ordinal starts on a new, empty claim, and the claims of the old ordinals stay behind"));
  }

  @Test
  void anAddedVolumeChangesTheImmutableTemplates() throws IOException {
    List<Change> changes = setChanges(s -> {
      ObjectNode logs = spec(s).withArray("volumeClaimTemplates").get(0).deepCopy();
      ((ObjectNode) logs.get("metadata")).put("name", "logs");
      spec(s).withArray("volumeClaimTemplates").add(logs);
    });

    assertThat(changes).containsExactly(new Change(Codes.IMMUTABLE_FIELD, Severity.ERROR, "ledger", SET_FILE, SpecPath.of("storage"),
        "StatefulSet ledger changes its volumes from [data] to [data, logs]; volumeClaimTemplates are immutable", RECREATE,
        "StatefulSet/ledger", "/spec/volumeClaimTemplates"));
  }

  @Test
  void aRemovedVolumeChangesTheImmutableTemplatesAndNothingElseOfIt() throws IOException {
    List<Change> changes = setChanges(s -> ((ObjectNode) s.at("/spec/volumeClaimTemplates/0/metadata")).put("name", "pgdata"));

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.code().id()).isEqualTo("immutable-field");
      assertThat(c.message()).isEqualTo("StatefulSet ledger changes its volumes from [data] to [pgdata]; volumeClaimTemplates are immutable");
    });
  }

  @Test
  void aSmallerVolumeIsAShrink() throws IOException {
    assertThat(setChanges(s -> size(s, "5Gi"))).containsExactly(new Change(Codes.VOLUME_SHRINK, Severity.ERROR, "ledger", SET_FILE,
        SpecPath.of("storage", "data", "size"),
        "volume data of ledger shrinks from 10Gi to 5Gi; Kubernetes cannot shrink a claim",
        "keep the size; to really shrink, back up and restore into a new, smaller app"));
  }

  /** Sizes compare by value, not by text: 10Gi is more than 9999Mi, although "9999Mi" sorts after "10Gi". */
  @Test
  void sizesCompareByValueAcrossUnits() throws IOException {
    assertThat(setChanges(s -> size(s, "9999Mi"))).extracting(c -> c.code().id()).containsExactly("volume-shrink");
    assertThat(setChanges(s -> size(s, "10241Mi"))).extracting(c -> c.code().id()).containsExactly("volume-grow");
  }

  @Test
  void anotherClassForAVolumeIsAClassChange() throws IOException {
    assertThat(setChanges(s -> template(s).put("storageClassName", "slow"))).containsExactly(new Change(Codes.VOLUME_CLASS_CHANGE,
        Severity.ERROR, "ledger", SET_FILE, SpecPath.of("storage", "data", "class"),
        "volume data of ledger moves from class \"fast\" to \"slow\": existing claims keep their class, and the template change is rejected",
        "to move data to another class: back up, create the new StatefulSet under a new name or restore into claims of the "
            + "new class, then switch clients; or revert the class"));
  }

  @Test
  void droppingTheClassOfAVolumeIsAClassChange() throws IOException {
    assertThat(setChanges(s -> template(s).remove("storageClassName"))).singleElement().satisfies(c -> {
      assertThat(c.code().id()).isEqualTo("volume-class-change");
      assertThat(c.message()).startsWith("volume data of ledger moves from class \"fast\" to \"\":");
    });
  }

  @Test
  void growingAVolumeOfAnExpandableClassWarnsWithTheResizePlan() throws IOException {
    assertThat(setChanges(s -> size(s, "20Gi"))).containsExactly(new Change(Codes.VOLUME_GROW, Severity.WARNING, "ledger", SET_FILE,
        SpecPath.of("storage", "data", "size"),
        "volume data of ledger grows to 20Gi; the template is immutable, so the claims must be resized by hand", PLAN));
  }

  @Test
  void growingAVolumeOfAClassThatCannotExpandIsAnError() throws IOException {
    assertThat(changes(s -> size(s, "20Gi"), c -> c.put("allowVolumeExpansion", false))).containsExactly(new Change(Codes.VOLUME_GROW,
        Severity.ERROR, "ledger", SET_FILE, SpecPath.of("storage", "data", "size"),
        "volume data of ledger grows to 20Gi; class \"fast\" does not allow volume expansion",
        "set allowVolumeExpansion = true on the class if its driver supports it, then follow the " + PLAN
            + "; or acknowledge { volume-grow = \"why\" } once you have checked the class"));
  }

  /** A class without allowVolumeExpansion cannot expand: the API's default is false. */
  @Test
  void growingAVolumeOfAClassThatDoesNotSayIsAnError() throws IOException {
    assertThat(changes(s -> size(s, "20Gi"), c -> c.remove("allowVolumeExpansion"))).singleElement().satisfies(c -> {
      assertThat(c.code().id()).isEqualTo("volume-grow");
      assertThat(c.severity()).isEqualTo(Severity.ERROR);
      assertThat(c.message()).endsWith("; class \"fast\" does not allow volume expansion");
    });
  }

  @Test
  void growingAVolumeOfAClassStateforgeDoesNotDeclareIsAnError() throws IOException {
    assertThat(changes(s -> size(s, "20Gi"), c -> c.removeAll())).containsExactly(new Change(Codes.VOLUME_GROW, Severity.ERROR, "ledger",
        SET_FILE, SpecPath.of("storage", "data", "size"),
        "volume data of ledger grows to 20Gi; Stateforge does not declare class \"fast\", so it cannot tell whether it allows expansion",
        "check that the class allows expansion (kubectl get storageclass fast -o jsonpath='{.allowVolumeExpansion}'), "
            + "acknowledge { volume-grow = \"why\" }, then follow the " + PLAN));
  }

  @Test
  void theResizePlanOfAnObjectWithoutNamespaceHasNoNamespaceFlag() throws IOException {
    Map<String, byte[]> before = previous();
    ObjectNode set = tree(SET);
    ((ObjectNode) set.get("metadata")).remove("namespace");
    before.put(SET_FILE, YAML.writeValueAsBytes(set));
    size(set, "20Gi");
    List<Change> changes = DataSafetyGuard.compare(before, new ObjectSet(List.of(new OutputObject(SET_FILE,
        YAML.treeToValue(set, StatefulSet.class)), new OutputObject(CLASS_FILE, YAML.readValue(CLASS, StorageClass.class))),
        VerifyContext.of(KubernetesSchemas.latest())));

    assertThat(changes).singleElement().satisfies(c -> assertThat(c.hint()).isEqualTo(PLAN.replace(" -n finance", "")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "whenDeleted | when it is deleted",
    "whenScaled  | on scale-down",
  })
  void aRetentionPolicyThatNowDeletesIsAFinding(String when, String what) throws IOException {
    List<Change> changes = setChanges(s -> ((ObjectNode) s.at("/spec/persistentVolumeClaimRetentionPolicy")).put(when, "Delete"));

    assertThat(changes).containsExactly(new Change(Codes.RETENTION_DELETE, Severity.ERROR, "ledger", SET_FILE,
        SpecPath.of("storage", "retention", when), "StatefulSet ledger now deletes its claims " + what,
        "keep Retain for data that matters; acknowledge { retention-delete = \"why\" } if the data rebuilds itself"));
  }

  /** No policy means Retain, as in the API: from none to Delete is a finding, from none to Retain is not. */
  @Test
  void aMissingRetentionPolicyMeansRetain() throws IOException {
    Map<String, byte[]> before = previous();
    ObjectNode without = tree(SET);
    spec(without).remove("persistentVolumeClaimRetentionPolicy");
    before.put(SET_FILE, YAML.writeValueAsBytes(without));

    ObjectNode deletes = tree(SET);
    ((ObjectNode) deletes.at("/spec/persistentVolumeClaimRetentionPolicy")).put("whenScaled", "Delete");
    List<Change> changes = DataSafetyGuard.compare(before, new ObjectSet(List.of(new OutputObject(SET_FILE,
        YAML.treeToValue(deletes, StatefulSet.class))), VerifyContext.of(KubernetesSchemas.latest())));
    assertThat(changes).extracting(Change::code, Change::specPath)
        .containsExactly(Tuple.tuple(Codes.RETENTION_DELETE, SpecPath.of("storage", "retention", "whenScaled")));

    List<Change> unchanged = DataSafetyGuard.compare(before, new ObjectSet(List.of(new OutputObject(SET_FILE,
        YAML.treeToValue(tree(SET), StatefulSet.class))), VerifyContext.of(KubernetesSchemas.latest())));
    assertThat(unchanged).isEmpty();
  }

  @Test
  void aRetentionPolicyThatAlreadyDeletedIsNoFinding() throws IOException {
    Map<String, byte[]> before = previous();
    ObjectNode deletes = tree(SET);
    ((ObjectNode) deletes.at("/spec/persistentVolumeClaimRetentionPolicy")).put("whenDeleted", "Delete");
    before.put(SET_FILE, YAML.writeValueAsBytes(deletes));

    assertThat(DataSafetyGuard.compare(before, new ObjectSet(List.of(new OutputObject(SET_FILE,
        YAML.treeToValue(deletes, StatefulSet.class))), VerifyContext.of(KubernetesSchemas.latest())))).isEmpty();
  }

  @Test
  void aStatefulSetNoLongerProducedIsARemovedApp() throws IOException {
    assertThat(setChanges(ObjectNode::removeAll)).containsExactly(new Change(Codes.APP_REMOVED, Severity.ERROR, "ledger", SET_FILE,
        SpecPath.ROOT,
        "StatefulSet ledger is no longer produced: a GitOps prune deletes it, and the claims of its pods (data-ledger-<n>) stay behind, orphaned",
        "if the app is renamed, it gets new, empty volumes: keep the old name. To retire it, back it up, then acknowledge "
            + "{ app-removed = \"why\" } in a remaining spec or remove it in a build of its own, and delete the claims by hand once the data is safe"));
  }

  @Test
  void aRemovedStatefulSetWithoutVolumesOrphansNoClaims() throws IOException {
    Map<String, byte[]> before = new TreeMap<>();
    ObjectNode set = tree(SET);
    spec(set).remove("volumeClaimTemplates");
    before.put(SET_FILE, YAML.writeValueAsBytes(set));

    assertThat(DataSafetyGuard.compare(before, new ObjectSet(List.of(), VerifyContext.of(KubernetesSchemas.latest()))))
        .singleElement().satisfies(c -> assertThat(c.message()).contains("the claims of its pods (none) stay behind"));
  }

  /** A renamed StatefulSet is a new object: the old one is removed (and the new one has nothing to compare with). */
  @Test
  void aRenamedStatefulSetIsTheOldOneRemoved() throws IOException {
    assertThat(setChanges(s -> ((ObjectNode) s.get("metadata")).put("name", "ledger2")))
        .extracting(c -> c.code().id()).containsExactly("app-removed");
  }

  /** Moving to another namespace is also another object. */
  @Test
  void aStatefulSetInAnotherNamespaceIsTheOldOneRemoved() throws IOException {
    assertThat(setChanges(s -> ((ObjectNode) s.get("metadata")).put("namespace", "ledger")))
        .extracting(c -> c.code().id()).containsExactly("app-removed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"provisioner", "parameters", "reclaimPolicy", "volumeBindingMode"})
  void eachFixedFieldOfAStorageClassIsAFinding(String field) throws IOException {
    List<Change> changes = classChanges(c -> {
      switch (field) {
        case "provisioner" -> c.put("provisioner", "pd.csi.storage.gke.io");
        case "parameters" -> ((ObjectNode) c.get("parameters")).put("type", "io2");
        case "reclaimPolicy" -> c.put("reclaimPolicy", "Recycle");
        default -> c.put("volumeBindingMode", "Immediate");
      }
    });

    assertThat(changes).containsExactly(new Change(Codes.STORAGE_CLASS_CHANGE, Severity.ERROR, "cluster", CLASS_FILE,
        SpecPath.of("storageClasses", "fast", field),
        "StorageClass fast changes its " + field + ", which the API server does not allow to change",
        "declare a class with a new name and move volumes to it (back up, restore); or revert"));
  }

  /** allowVolumeExpansion is the one field of a class the API server lets change. */
  @Test
  void allowingExpansionIsNoFinding() throws IOException {
    assertThat(classChanges(c -> c.put("allowVolumeExpansion", false))).isEmpty();
  }

  @Test
  void aClassThatNowDeletesItsVolumesIsAReclaimDeleteAlone() throws IOException {
    assertThat(classChanges(c -> c.put("reclaimPolicy", "Delete"))).containsExactly(new Change(Codes.RECLAIM_DELETE, Severity.ERROR,
        "cluster", CLASS_FILE, SpecPath.of("storageClasses", "fast", "reclaimPolicy"),
        "StorageClass fast now deletes volumes with their claims (reclaimPolicy Delete)",
        "keep Retain for classes that hold data; acknowledge { reclaim-delete = \"why\" } for scratch data"));
  }

  @Test
  void aClassThatChangesSeveralFieldsReportsEach() throws IOException {
    assertThat(classChanges(c -> {
      c.put("reclaimPolicy", "Delete");
      c.put("provisioner", "pd.csi.storage.gke.io");
    })).extracting(Change::code, Change::specPath).containsExactly(
        Tuple.tuple(Codes.STORAGE_CLASS_CHANGE, SpecPath.of("storageClasses", "fast", "provisioner")),
        Tuple.tuple(Codes.RECLAIM_DELETE, SpecPath.of("storageClasses", "fast", "reclaimPolicy")));
  }

  /** A StorageClass left out is no finding: the cluster keeps it, and claims that use it keep working. */
  @Test
  void aClassNoLongerProducedIsNoFinding() throws IOException {
    assertThat(classChanges(ObjectNode::removeAll)).isEmpty();
  }

  /** Several findings of one StatefulSet come in a fixed order: immutable fields, templates, volumes, retention. */
  @Test
  void severalChangesAreEachReportedInOrder() throws IOException {
    List<Change> changes = setChanges(s -> {
      spec(s).put("podManagementPolicy", "Parallel");
      template(s).put("storageClassName", "slow");
      size(s, "1Gi");
      ((ObjectNode) s.at("/spec/persistentVolumeClaimRetentionPolicy")).put("whenDeleted", "Delete");
    });
    assertThat(changes).extracting(c -> c.code().id())
        .containsExactly("immutable-field", "volume-class-change", "volume-shrink", "retention-delete");
  }

  /** The overlay of an environment is compared with what that overlay built to before: its own size patch included. */
  @Test
  void anEnvironmentIsComparedWithWhatItsOverlayBuiltTo() throws IOException {
    Map<String, byte[]> before = new TreeMap<>();
    before.put("ledger/base/statefulset.yaml", bytes(SET));
    before.put("ledger/base/kustomization.yaml", bytes("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- statefulset.yaml\n"));
    before.put("ledger/overlays/prod/kustomization.yaml", bytes("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - ../../base
        patches:
        - target:
            kind: StatefulSet
            name: ledger
          patch: |-
            - op: replace
              path: /spec/volumeClaimTemplates/0/spec/resources/requests/storage
              value: 40Gi
        """));
    ObjectNode prod = tree(SET);
    size(prod, "20Gi");
    List<Change> changes = DataSafetyGuard.compareEnvironment(before, "ledger", "prod", new ObjectSet(List.of(
        new OutputObject("ledger/overlays/prod/statefulset.yaml", YAML.treeToValue(prod, StatefulSet.class))),
        VerifyContext.of(KubernetesSchemas.latest())));

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.code().id()).isEqualTo("volume-shrink");
      assertThat(c.file()).isEqualTo("ledger/overlays/prod/statefulset.yaml");
      assertThat(c.message()).isEqualTo("volume data of ledger shrinks from 40Gi to 20Gi; Kubernetes cannot shrink a claim");
    });
    assertThat(DataSafetyGuard.compareEnvironment(before, "ledger", "dev", new ObjectSet(List.of(
        new OutputObject("ledger/overlays/dev/statefulset.yaml", YAML.treeToValue(prod, StatefulSet.class))),
        VerifyContext.of(KubernetesSchemas.latest())))).as("no dev overlay before: nothing to compare").isEmpty();
  }
}
