package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.DisruptionSpec;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.GitOpsSpec;
import dev.stateforge.spec.IntOrPercent;
import dev.stateforge.spec.MemberFormat;
import dev.stateforge.spec.MonitoringSpec;
import dev.stateforge.spec.PatchSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ProbeSpec;
import dev.stateforge.spec.ProbesSpec;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.ResourcesSpec;
import dev.stateforge.spec.SecuritySpec;
import dev.stateforge.spec.SpreadSpec;
import dev.stateforge.spec.StorageClassSpec;
import dev.stateforge.spec.StorageSpec;
import dev.stateforge.spec.UpdateSpec;
import dev.stateforge.spec.VariableReferences;
import dev.stateforge.spec.VolumeSnapshotClassSpec;
import dev.stateforge.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Binds a schema-checked spec tree to {@link AppSpec} records, with the schema's defaults applied.
 * It reports nothing: a tree that passed the schema check always binds, and a failure here is a gap
 * in the schema, raised as {@link StateforgeBug}.
 */
public final class SpecBinder {
  private SpecBinder() {}

  public static AppSpec bind(LoadedSpec loaded) {
    try {
      return bindTree(loaded.file(), SchemaDefaults.apply(loaded.tree()));
    } catch (RuntimeException e) {
      throw new StateforgeBug("spec " + loaded.file() + " passed the schema check but could not be bound", e);
    }
  }

  private static AppSpec bindTree(String file, ObjectNode t) {
    return new AppSpec(
        file,
        t.get("name").asText(),
        text(t.get("namespace")),
        t.get("image").asText(),
        t.get("replicas").asInt(),
        strings(t.get("command")),
        strings(t.get("args")),
        entries(t.get("ports"), SpecBinder::port),
        // Kubernetes expands $(NAME) in a value only from entries above it.
        VariableReferences.dependencyOrder(entries(t.get("env"), SpecBinder::envVar)),
        resources(t.get("resources")),
        probes(t.get("probes")),
        storage(t.get("storage")),
        entries(t.get("storageClasses"), SpecBinder::storageClass),
        t.get("podManagementPolicy").asText(),
        updates(t.get("updates")),
        disruption(t.get("disruption")),
        security(t.get("security")),
        new SpreadSpec(t.get("spread").get("zone").asText(), t.get("spread").get("node").asText()),
        t.get("terminationGracePeriodSeconds").asInt(),
        cluster(t.get("cluster")),
        stringMap(t.get("acknowledge")),
        strings(t.get("writeSecretsToGitInPlainText")),
        engine(t.get("engine")),
        t.has("backup") ? backup(t.get("backup")) : null,
        t.has("monitoring") ? monitoring(t.get("monitoring")) : null,
        entries(t.get("volumeSnapshotClasses"), SpecBinder::volumeSnapshotClass),
        gitops(t.get("gitops")),
        PodPartsBinder.placement(t.get("placement")),
        PodPartsBinder.lifecycle(t.get("lifecycle")),
        PodPartsBinder.metadata(t.get("metadata")),
        entries(t.get("files"), PodPartsBinder::file),
        ContainersBinder.containers(t.get("initContainers"), false),
        ContainersBinder.containers(t.get("sidecars"), true),
        entries(t.get("services"), ServicesBinder::service),
        ServicesBinder.networkPolicy(t.get("networkPolicy")),
        patches(t.get("patches"), t.get("name").asText()),
        new TreeMap<>());
  }

  /** The patches in the spec's order; a target without a name is the app's own object. */
  private static List<PatchSpec> patches(JsonNode n, String app) {
    List<PatchSpec> out = new ArrayList<>();
    if (n != null) {
      for (JsonNode p : n) {
        JsonNode target = p.get("target");
        List<PatchSpec.Operation> operations = new ArrayList<>();
        p.get("operations").forEach(o -> operations.add(
            new PatchSpec.Operation(o.get("op").asText(), o.get("path").asText(), o.get("value"), text(o.get("from")))));
        out.add(new PatchSpec(target.get("kind").asText(), target.has("name") ? target.get("name").asText() : app, operations));
      }
    }
    return out;

  }

  static ResourcesSpec resources(JsonNode resources) {
    Quantity memory = quantity(resources.get("memory"));
    JsonNode limits = resources.path("limits");
    return new ResourcesSpec(
        quantity(resources.get("cpu")),
        memory,
        limits.has("cpu") ? quantity(limits.get("cpu")) : null,
        limits.has("memory") ? quantity(limits.get("memory")) : memory);
  }

  private static ClusterSpec cluster(JsonNode c) {
    JsonNode identity = c.path("identity");
    return new ClusterSpec(c.get("domain").asText(), text(c.get("serviceName")), stringMap(c.get("selector")),
        c.get("ordinals").get("start").asInt(),
        new ClusterSpec.Identity(text(identity.get("podName")), text(identity.get("ordinal")), text(identity.get("host"))),
        entries(c.get("peers"), (name, p) -> new ClusterSpec.Peers(name, new MemberFormat(p.get("member").asText()),
            p.get("separator").asText(), p.has("limit") ? p.get("limit").asInt() : ClusterSpec.Peers.ALL,
            p.has("alone") ? p.get("alone").asText() : null)));
  }

  private static VolumeSnapshotClassSpec volumeSnapshotClass(String name, JsonNode c) {
    if (c.get("existing").asBoolean()) {
      return new VolumeSnapshotClassSpec(name, true, null, null, new TreeMap<>());
    }
    return new VolumeSnapshotClassSpec(name, false, c.get("driver").asText(), c.get("deletionPolicy").asText(),
        stringMap(c.get("parameters")));
  }

  private static EngineSpec engine(JsonNode e) {
    if (e == null) {
      return EngineSpec.NONE;
    }
    JsonNode dump = e.path("dump");
    JsonNode restore = e.path("restore");
    EngineSpec.Replication replication = e.has("replication")
        ? EngineSpec.Replication.valueOf(e.get("replication").asText().toUpperCase(Locale.ROOT))
        : EngineSpec.Replication.UNSTATED;
    return new EngineSpec(text(e.get("name")), replication, text(dump.get("command")),
        dump.has("extension") ? dump.get("extension").asText() : "dump",
        text(restore.get("command")), restore.path("offline").asBoolean(false), text(e.path("verify").get("command")),
        e.has("drill") ? new EngineSpec.Drill(text(e.get("drill").get("start")), text(e.get("drill").get("run")),
            text(e.get("drill").get("stop")), text(e.get("drill").get("smokeQuery"))) : null);
  }

  private static BackupSpec backup(JsonNode b) {
    JsonNode target = b.get("target");
    BackupSpec.Target bound;
    if (target.has("snapshot")) {
      JsonNode snapshot = target.get("snapshot");
      bound = new BackupSpec.SnapshotTarget(snapshot.get("class").asText(), text(snapshot.get("volume")),
          snapshot.get("image").asText());
    } else if (target.has("objectStorage")) {
      bound = objectStorage(target.get("objectStorage"));
    } else {
      JsonNode volume = target.get("volume");
      bound = new BackupSpec.VolumeTarget(quantity(volume.get("size")), text(volume.get("class")));
    }
    JsonNode resources = b.get("resources");
    return new BackupSpec(b.get("enabled").asBoolean(), b.get("schedule").asText(), b.get("timeZone").asText(),
        b.get("keep").asInt(), bound,
        b.get("startingDeadlineSeconds").asInt(), b.get("activeDeadlineSeconds").asInt(), b.get("backoffLimit").asInt(),
        quantity(resources.get("cpu")), quantity(resources.get("memory")),
        b.has("test") ? b.get("test").get("schedule").asText() : null,
        text(b.get("rpo")),
        b.has("drill") ? drill(b.get("drill")) : null);
  }

  private static BackupSpec.Drill drill(JsonNode d) {
    return new BackupSpec.Drill(d.get("schedule").asText(), text(d.get("smokeQuery")),
        d.has("alertAfterDays") ? d.get("alertAfterDays").asInt() : null);
  }

  private static BackupSpec.ObjectStorageTarget objectStorage(JsonNode o) {
    JsonNode credentials = o.path("credentials");
    JsonNode password = o.path("password");
    JsonNode keep = o.get("keep");
    JsonNode prune = o.get("prune");
    return new BackupSpec.ObjectStorageTarget(o.get("endpoint").asText(), o.get("bucket").asText(),
        text(o.get("path")), text(o.get("region")),
        secretKey(credentials, "accessKeyIdKey"), secretKey(credentials, "secretAccessKeyKey"), secretKey(password, "key"),
        o.get("image").asText(),
        new BackupSpec.Retention(keep.get("last").asInt(), keep.get("daily").asInt(), keep.get("weekly").asInt(),
            keep.get("monthly").asInt(), keep.get("yearly").asInt()),
        prune.get("schedule").asText(), prune.get("checkReadData").asText());
  }

  /** Null without a Secret name: the backup rule reports it. */
  private static BackupSpec.SecretKey secretKey(JsonNode reference, String keyField) {
    return reference.has("secret") ? new BackupSpec.SecretKey(reference.get("secret").asText(), reference.get(keyField).asText()) : null;
  }

  private static GitOpsSpec gitops(JsonNode g) {
    JsonNode w = g.get("syncWaves");
    return new GitOpsSpec(
        new GitOpsSpec.SyncWaves(w.get("enabled").asBoolean(), w.get("cluster").asInt(), w.get("config").asInt(),
            w.get("workload").asInt(), w.get("guards").asInt(), w.get("backups").asInt(),
            w.has("claims") ? w.get("claims").asInt() : null),
        g.get("pruneProtection").asBoolean());
  }

  static PortSpec port(String name, JsonNode p) {
    return new PortSpec(name, p.get("port").asInt(), p.get("protocol").asText(), PortSpec.Role.of(p.get("role").asText()));
  }

  private static MonitoringSpec monitoring(JsonNode m) {
    return new MonitoringSpec(m.get("enabled").asBoolean(), text(m.get("port")), m.get("path").asText(),
        m.get("interval").asText(), m.get("volumeFullPercent").asInt());
  }

  static EnvVarSpec envVar(String name, JsonNode v) {
    EnvVarSpec.Source source;
    if (v.has("secret")) {
      source = new EnvVarSpec.SecretKey(v.get("secret").get("name").asText(), v.get("secret").get("key").asText());
    } else if (v.has("configMap")) {
      source = new EnvVarSpec.ConfigMapKey(v.get("configMap").get("name").asText(), v.get("configMap").get("key").asText());
    } else if (v.has("field") || v.has("resource")) {
      source = PodPartsBinder.envSource(v);
    } else {
      source = new EnvVarSpec.Literal(v.get("value").asText());
    }
    return new EnvVarSpec(name, source);
  }

  static ProbesSpec probes(JsonNode p) {
    if (p == null) {
      return ProbesSpec.NONE;
    }
    return new ProbesSpec(probe(p.get("startup")), probe(p.get("readiness")), probe(p.get("liveness")));
  }

  private static ProbeSpec probe(JsonNode p) {
    if (p == null) {
      return null;
    }
    ProbeSpec.Action action = null; // timing keys alone: PodRules reports the missing check
    if (p.has("tcp")) {
      action = new ProbeSpec.Tcp(portRef(p.get("tcp").get("port")));
    } else if (p.has("http")) {
      JsonNode http = p.get("http");
      action = new ProbeSpec.Http(http.get("path").asText(), portRef(http.get("port")), http.get("scheme").asText());
    } else if (p.has("exec")) {
      action = new ProbeSpec.Exec(strings(p.get("exec").get("command")));
    }
    return new ProbeSpec(action, p.get("initialDelaySeconds").asInt(), p.get("periodSeconds").asInt(),
        p.get("timeoutSeconds").asInt(), p.get("failureThreshold").asInt());
  }

  private static ProbeSpec.PortRef portRef(JsonNode n) {
    return n.isInt() ? ProbeSpec.PortRef.of(n.asInt()) : ProbeSpec.PortRef.named(n.asText());
  }

  private static StorageSpec storage(JsonNode s) {
    List<VolumeSpec> volumes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : sortedFields(s)) {
      if ("retention".equals(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      VolumeSpec.EmptyDir emptyDir = PodPartsBinder.emptyDir(v.get("emptyDir"));
      volumes.add(new VolumeSpec(e.getKey(), v.get("mountPath").asText(), emptyDir == null ? quantity(v.get("size")) : null,
          text(v.get("class")), strings(v.get("accessModes")), v.get("shared").asBoolean(), text(v.get("subPath")), emptyDir));
    }
    JsonNode retention = s.get("retention");
    return new StorageSpec(volumes, retention.get("whenDeleted").asText(), retention.get("whenScaled").asText());
  }

  private static StorageClassSpec storageClass(String name, JsonNode c) {
    if (c.get("existing").asBoolean()) {
      return new StorageClassSpec(name, true, null, new TreeMap<>(), null, false, null, List.of());
    }
    return new StorageClassSpec(name, false, c.get("provisioner").asText(), stringMap(c.get("parameters")),
        c.get("reclaimPolicy").asText(), c.get("allowVolumeExpansion").asBoolean(),
        c.get("volumeBindingMode").asText(), strings(c.get("mountOptions")));
  }

  private static UpdateSpec updates(JsonNode u) {
    return new UpdateSpec(u.get("strategy").asText(), u.get("partition").asInt(),
        intOrPercent(u.get("maxUnavailable")), u.get("minReadySeconds").asInt());
  }

  private static DisruptionSpec disruption(JsonNode d) {
    IntOrPercent minAvailable = intOrPercent(d.get("minAvailable"));
    boolean quorum = "quorum".equals(d.path("maxUnavailable").asText());
    IntOrPercent maxUnavailable = quorum ? null : intOrPercent(d.get("maxUnavailable"));
    if (minAvailable == null && maxUnavailable == null && !quorum) {
      maxUnavailable = IntOrPercent.ofCount(1);
    }
    return new DisruptionSpec(d.get("enabled").asBoolean(), maxUnavailable, minAvailable, quorum,
        d.get("unhealthyPodEvictionPolicy").asText());
  }

  private static SecuritySpec security(JsonNode s) {
    return new SecuritySpec(longOrNull(s.get("runAsUser")), longOrNull(s.get("runAsGroup")),
        longOrNull(s.get("fsGroup")), s.get("readOnlyRootFilesystem").asBoolean(), strings(s.get("addCapabilities")),
        s.get("runAsRoot").asBoolean());
  }

  private static IntOrPercent intOrPercent(JsonNode n) {
    if (n == null) {
      return null;
    }
    return n.isInt() ? IntOrPercent.ofCount(n.asInt()) : IntOrPercent.parse(n.asText());
  }

  static Quantity quantity(JsonNode n) {
    // HOCON reads 2 or 0.5 as numbers; their text is still a valid quantity.
    return new Quantity(n.asText());
  }

  private static Long longOrNull(JsonNode n) {
    return n == null ? null : n.asLong();
  }

  static String text(JsonNode n) {
    return n == null ? null : n.asText();
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  static SortedMap<String, String> stringMap(JsonNode n) {
    SortedMap<String, String> out = new TreeMap<>();
    if (n != null) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** Map entries in key order: HOCON objects carry no order, so output order comes from the keys. */
  static <T> List<T> entries(JsonNode n, BiFunction<String, JsonNode, T> bind) {
    List<T> out = new ArrayList<>();
    if (n != null) {
      for (Map.Entry<String, JsonNode> e : sortedFields(n)) {
        out.add(bind.apply(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  private static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode n) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    n.fields().forEachRemaining(fields::add);
    fields.sort(Map.Entry.comparingByKey());
    return fields;
  }
}
