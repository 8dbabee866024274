package dev.stateforge.spec;

import dev.stateforge.diag.SpecPath;

/**
 * The spec keys that findings on generated objects point at, each named once: a rule says where a
 * finding comes from in the spec through these, and SpecKeysTest checks every one against the
 * spec's schema, so a renamed key cannot leave a rule pointing at nothing.
 */
public final class SpecKeys {
  public static final SpecPath NAME = SpecPath.of("name");
  public static final SpecPath POD_MANAGEMENT_POLICY = SpecPath.of("podManagementPolicy");
  public static final SpecPath IMAGE = SpecPath.of("image");
  public static final SpecPath REPLICAS = SpecPath.of("replicas");
  public static final SpecPath SPREAD = SpecPath.of("spread");
  public static final SpecPath SECURITY = SpecPath.of("security");
  public static final SpecPath SECURITY_RUN_AS_USER = SECURITY.key("runAsUser");
  public static final SpecPath SECURITY_RUN_AS_ROOT = SECURITY.key("runAsRoot");
  public static final SpecPath SECURITY_ADD_CAPABILITIES = SECURITY.key("addCapabilities");
  public static final SpecPath MEMORY_LIMIT = SpecPath.of("resources", "limits", "memory");
  public static final SpecPath UPDATES_MAX_UNAVAILABLE = SpecPath.of("updates", "maxUnavailable");
  public static final SpecPath DISRUPTION = SpecPath.of("disruption");
  public static final SpecPath DISRUPTION_ENABLED = DISRUPTION.key("enabled");
  public static final SpecPath DISRUPTION_EVICTION_POLICY = DISRUPTION.key("unhealthyPodEvictionPolicy");
  public static final SpecPath STORAGE = SpecPath.of("storage");
  public static final SpecPath STORAGE_RETENTION = STORAGE.key("retention");
  public static final SpecPath BACKUP = SpecPath.of("backup");
  public static final SpecPath BACKUP_TIME_ZONE = BACKUP.key("timeZone");
  public static final SpecPath BACKUP_RPO = BACKUP.key("rpo");
  public static final SpecPath ENGINE = SpecPath.of("engine");
  public static final SpecPath GITOPS_CLAIM_WAVE = SpecPath.of("gitops", "syncWaves", "claims");
  public static final SpecPath CLUSTER = SpecPath.of("cluster");
  public static final SpecPath CLUSTER_SERVICE_NAME = CLUSTER.key("serviceName");
  public static final SpecPath CLUSTER_SELECTOR = CLUSTER.key("selector");
  public static final SpecPath ORDINALS_START = CLUSTER.key("ordinals").key("start");
  public static final SpecPath PLACEMENT = SpecPath.of("placement");
  public static final SpecPath TOLERATIONS = PLACEMENT.key("tolerations");
  public static final SpecPath LIFECYCLE = SpecPath.of("lifecycle");
  public static final SpecPath PRE_STOP_COMMAND = LIFECYCLE.key("preStop").key("exec").key("command");
  public static final SpecPath METADATA = SpecPath.of("metadata");

  private SpecKeys() {}

  /** {@code env.<name>}. */
  public static SpecPath env(String name) {
    return SpecPath.of("env", name);
  }

  /** A config file of the files block, which is also its key in the app's ConfigMap. */
  public static SpecPath file(String name) {
    return SpecPath.of("files", name);
  }

  /** {@code env.<name>.field}, or {@code env.<name>.resource.<name|divisor>}. */
  public static SpecPath envSource(String name, String... keys) {
    SpecPath path = env(name);
    for (String key : keys) {
      path = path.key(key);
    }
    return path;
  }

  /** {@code placement.tolerations[i].<field>}. */
  public static SpecPath toleration(int index, String field) {
    return TOLERATIONS.index(index).key(field);
  }

  /** {@code metadata.<pod|service|headlessService>.<labels|annotations>.<key>}. */
  public static SpecPath metadata(String object, String kind, String key) {
    return METADATA.key(object).key(kind).key(key);
  }

  /** {@code resources.cpu} or {@code resources.memory}: the request. */
  public static SpecPath request(String resource) {
    return SpecPath.of("resources", resource);
  }

  /** {@code probes.<startup|readiness|liveness>}. */
  public static SpecPath probe(String which) {
    return SpecPath.of("probes", which);
  }

  /** {@code command[i]} or {@code args[i]}. */
  public static SpecPath argument(String commandOrArgs, int index) {
    return SpecPath.of(commandOrArgs, index);
  }

  /** {@code probes.<which>.exec.command}. */
  public static SpecPath probeCommand(String which) {
    return probe(which).key("exec").key("command");
  }

  /** {@code engine.<dump|restore|verify>.command}. */
  public static SpecPath engineCommand(String which) {
    return ENGINE.key(which).key("command");
  }

  /** {@code storage.<volume>}. */
  public static SpecPath volume(String name) {
    return STORAGE.key(name);
  }

  /** {@code storage.retention.<whenDeleted|whenScaled>}. */
  public static SpecPath retention(String when) {
    return STORAGE_RETENTION.key(when);
  }

  /** {@code disruption.<maxUnavailable|minAvailable>}. */
  public static SpecPath disruption(String field) {
    return DISRUPTION.key(field);
  }

  /** {@code storageClasses.<name>.<field>}. */
  public static SpecPath storageClass(String name, String field) {
    return SpecPath.of("storageClasses", name, field);
  }
}
