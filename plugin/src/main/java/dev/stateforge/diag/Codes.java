package dev.stateforge.diag;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every code Stateforge reports, once. Stages report these constants, never a string; the site's
 * diagnostics index, the rule pages and the schema's {@code acknowledge} keys are checked against
 * this list by tests ({@code RuleDocsTest}, {@code AcknowledgeParityTest}, {@code CodesTest}).
 * Grouped as the diagnostics index groups them, in the order a build meets them.
 */
public final class Codes {
  // Finding the specs
  public static final Code NO_SPEC_DIRECTORY = new Code("no-spec-directory", Code.Family.SPECS);
  public static final Code NO_SPECS = new Code("no-specs", Code.Family.SPECS);

  // Reading a spec
  public static final Code SPEC_EMPTY = new Code("spec-empty", Code.Family.READING);
  public static final Code SPEC_UNREADABLE = new Code("spec-unreadable", Code.Family.READING);
  public static final Code SPEC_SYNTAX = new Code("spec-syntax", Code.Family.READING);
  public static final Code INCLUDE_REFUSED = new Code("include-refused", Code.Family.READING);
  public static final Code ENVIRONMENT_DUPLICATE = new Code("environment-duplicate", Code.Family.READING);
  public static final Code SUBSTITUTION_UNRESOLVED = new Code("substitution-unresolved", Code.Family.READING);
  public static final Code SPEC_ENCODING = new Code("spec-encoding", Code.Family.READING);
  public static final Code INCLUDE_CYCLE = new Code("include-cycle", Code.Family.READING);
  public static final Code SPEC_LIMIT = new Code("spec-limit", Code.Family.READING);
  public static final Code SPEC_OUTSIDE_PROJECT = new Code("spec-outside-project", Code.Family.READING);

  // Checking the shape of a spec against its schema
  public static final Code UNKNOWN_KEY = new Code("unknown-key", Code.Family.SHAPE);
  public static final Code MISSING_KEY = new Code("missing-key", Code.Family.SHAPE);
  public static final Code WRONG_TYPE = new Code("wrong-type", Code.Family.SHAPE);
  public static final Code NOT_ALLOWED = new Code("not-allowed", Code.Family.SHAPE);
  public static final Code QUANTITY_FORMAT = new Code("quantity-format", Code.Family.SHAPE);
  public static final Code NAME_FORMAT = new Code("name-format", Code.Family.SHAPE);
  public static final Code PERCENT_FORMAT = new Code("percent-format", Code.Family.SHAPE);
  public static final Code IMAGE_FORMAT = new Code("image-format", Code.Family.SHAPE);
  public static final Code PATTERN = new Code("pattern", Code.Family.SHAPE);
  public static final Code OUT_OF_RANGE = new Code("out-of-range", Code.Family.SHAPE);
  public static final Code TOO_LONG = new Code("too-long", Code.Family.SHAPE);
  public static final Code TOO_SHORT = new Code("too-short", Code.Family.SHAPE);
  public static final Code DUPLICATE_ITEM = new Code("duplicate-item", Code.Family.SHAPE);
  public static final Code CONFLICTING_KEYS = new Code("conflicting-keys", Code.Family.SHAPE);
  public static final Code ENV_SOURCE = new Code("env-source", Code.Family.SHAPE);
  public static final Code PROBE_ACTION = new Code("probe-action", Code.Family.SHAPE);
  public static final Code EXISTING_STORAGE_CLASS = new Code("existing-storage-class", Code.Family.SHAPE);
  public static final Code BACKUP_TARGET = new Code("backup-target", Code.Family.SHAPE);
  public static final Code BAD_NAME = new Code("bad-name", Code.Family.SHAPE);
  public static final Code SCHEMA = new Code("schema", Code.Family.SHAPE);

  // Checking one spec (and each of its environments)
  public static final Code STORAGE_CLASS_UNDECLARED = new Code("storage-class-undeclared", Code.Family.SPEC);
  public static final Code VOLUME_SIZE_ZERO = new Code("volume-size-zero", Code.Family.SPEC);
  public static final Code MOUNT_PATH_CONFLICT = new Code("mount-path-conflict", Code.Family.SPEC);
  public static final Code RESERVED_VOLUME = new Code("reserved-volume", Code.Family.SPEC);
  public static final Code SHARED_VOLUME_ACCESS_MODE = new Code("shared-volume-access-mode", Code.Family.SPEC);
  public static final Code PORT_CONFLICT = new Code("port-conflict", Code.Family.SPEC);
  public static final Code PROBE_PORT_UNKNOWN = new Code("probe-port-unknown", Code.Family.SPEC);
  public static final Code CONTAINER_NAME_CONFLICT = new Code("container-name-conflict", Code.Family.SPEC);
  public static final Code MOUNT_VOLUME_UNKNOWN = new Code("mount-volume-unknown", Code.Family.SPEC);
  public static final Code PARTITION_HOLDS_ALL = new Code("partition-holds-all", Code.Family.SPEC);
  public static final Code ENV_REFERENCE_CYCLE = new Code("env-reference-cycle", Code.Family.SPEC);
  public static final Code CRON_FORMAT = new Code("cron-format", Code.Family.SPEC);
  public static final Code TIME_ZONE = new Code("time-zone", Code.Family.SPEC);
  public static final Code DUMP_COMMAND_MISSING = new Code("dump-command-missing", Code.Family.SPEC);
  public static final Code RESTORE_COMMAND_MISSING = new Code("restore-command-missing", Code.Family.SPEC);
  public static final Code VERIFY_COMMAND_MISSING = new Code("verify-command-missing", Code.Family.SPEC);
  public static final Code SNAPSHOT_CLASS_UNDECLARED = new Code("snapshot-class-undeclared", Code.Family.SPEC);
  public static final Code SNAPSHOT_VOLUME_UNKNOWN = new Code("snapshot-volume-unknown", Code.Family.SPEC);
  public static final Code RESTORE_TEST_UNSUPPORTED = new Code("restore-test-unsupported", Code.Family.SPEC);
  public static final Code ENVIRONMENT_KEY = new Code("environment-key", Code.Family.SPEC);
  public static final Code ENVIRONMENT_COMPONENT = new Code("environment-component", Code.Family.SPEC);
  public static final Code BACKUP_VOLUME_SMALL = new Code("backup-volume-small", Code.Family.SPEC);
  public static final Code OBJECT_STORAGE_ENDPOINT = new Code("object-storage-endpoint", Code.Family.SPEC);
  public static final Code OBJECT_STORAGE_SECRET_MISSING = new Code("object-storage-secret-missing", Code.Family.SPEC);
  public static final Code RETENTION_KEEPS_NOTHING = new Code("retention-keeps-nothing", Code.Family.SPEC);
  public static final Code DRILL_UNSUPPORTED = new Code("drill-unsupported", Code.Family.SPEC);
  public static final Code DRILL_SMOKE_QUERY_MISSING = new Code("drill-smoke-query-missing", Code.Family.SPEC);
  public static final Code RPO_SHORTER_THAN_SCHEDULE = new Code("rpo-shorter-than-schedule", Code.Family.SPEC);
  public static final Code ENV_FIELD_UNSUPPORTED = new Code("env-field-unsupported", Code.Family.SPEC);
  public static final Code ENV_RESOURCE_DIVISOR = new Code("env-resource-divisor", Code.Family.SPEC);
  public static final Code MEMORY_VOLUME_LIMIT = new Code("memory-volume-limit", Code.Family.SPEC);
  public static final Code TOLERATION_INVALID = new Code("toleration-invalid", Code.Family.SPEC);
  public static final Code METADATA_RESERVED = new Code("metadata-reserved", Code.Family.SPEC);
  public static final Code SERVICE_METADATA_UNUSED = new Code("service-metadata-unused", Code.Family.SPEC);
  public static final Code PRESTOP_GRACE_PERIOD = new Code("prestop-grace-period", Code.Family.SPEC);
  public static final Code PEER_PLACEHOLDER = new Code("peer-placeholder", Code.Family.SPEC);
  public static final Code CLUSTER_ENV_CONFLICT = new Code("cluster-env-conflict", Code.Family.SPEC);
  public static final Code SERVICE_NAME_CONFLICT = new Code("service-name-conflict", Code.Family.SPEC);
  public static final Code FILE_SOURCE = new Code("file-source", Code.Family.SPEC);
  public static final Code FILES_TOO_LARGE = new Code("files-too-large", Code.Family.SPEC);
  public static final Code FILE_MODE_UNREADABLE = new Code("file-mode-unreadable", Code.Family.SPEC);
  public static final Code MONITORING_PORT_UNKNOWN = new Code("monitoring-port-unknown", Code.Family.SPEC);
  public static final Code SERVICE_PORT_UNKNOWN = new Code("service-port-unknown", Code.Family.SPEC);
  public static final Code SERVICE_ORDINAL_RANGE = new Code("service-ordinal-range", Code.Family.SPEC);
  public static final Code SERVICE_NAME_TOO_LONG = new Code("service-name-too-long", Code.Family.SPEC);

  // Checking all specs together
  public static final Code DUPLICATE_APP = new Code("duplicate-app", Code.Family.PROJECT);
  public static final Code STORAGE_CLASS_CONFLICT = new Code("storage-class-conflict", Code.Family.PROJECT);
  public static final Code SNAPSHOT_CLASS_CONFLICT = new Code("snapshot-class-conflict", Code.Family.PROJECT);

  // Checking the generated objects and the plugin parameters
  public static final Code KUBERNETES_VERSION = new Code("kubernetes-version", Code.Family.OBJECTS);
  public static final Code KUBERNETES_VERSION_FIELD = new Code("kubernetes-version-field", Code.Family.OBJECTS);
  public static final Code GITOPS_PARAMETER = new Code("gitops-parameter", Code.Family.OBJECTS);
  public static final Code ACKNOWLEDGEMENT_UNUSED = new Code("acknowledgement-unused", Code.Family.OBJECTS);
  public static final Code PATCH_TARGET_UNKNOWN = new Code("patch-target-unknown", Code.Family.OBJECTS);
  public static final Code PATCH_TARGET_SHARED = new Code("patch-target-shared", Code.Family.OBJECTS);
  public static final Code PATCH_DOES_NOT_APPLY = new Code("patch-does-not-apply", Code.Family.OBJECTS);
  public static final Code PATCH_SCHEMA = new Code("patch-schema", Code.Family.OBJECTS);
  public static final Code OBJECT_TOO_LARGE = new Code("object-too-large", Code.Family.OBJECTS);

  // Policy rules over the generated objects (acknowledgeable)
  public static final Code PSS_RUN_AS_NON_ROOT = new Code("pss-run-as-non-root", Code.Family.POLICY);
  public static final Code PSS_PRIVILEGE_ESCALATION = new Code("pss-privilege-escalation", Code.Family.POLICY);
  public static final Code PSS_CAPABILITIES = new Code("pss-capabilities", Code.Family.POLICY);
  public static final Code PSS_SECCOMP = new Code("pss-seccomp", Code.Family.POLICY);
  public static final Code PSS_PRIVILEGED = new Code("pss-privileged", Code.Family.POLICY);
  public static final Code RESOURCES_REQUESTS = new Code("resources-requests", Code.Family.POLICY);
  public static final Code RESOURCES_MEMORY_LIMIT = new Code("resources-memory-limit", Code.Family.POLICY);
  public static final Code PROBES_READINESS = new Code("probes-readiness", Code.Family.POLICY);
  public static final Code PROBES_LIVENESS = new Code("probes-liveness", Code.Family.POLICY);
  public static final Code IMAGE_PINNED = new Code("image-pinned", Code.Family.POLICY);
  public static final Code ENV_SECRET_LITERAL = new Code("env-secret-literal", Code.Family.POLICY);
  public static final Code SPREAD_REPLICAS = new Code("spread-replicas", Code.Family.POLICY);
  public static final Code SINGLE_REPLICA = new Code("single-replica", Code.Family.POLICY);
  public static final Code REPLICAS_INDEPENDENT = new Code("replicas-independent", Code.Family.POLICY);
  public static final Code ENV_REFERENCE = new Code("env-reference", Code.Family.POLICY);
  public static final Code FEATURE_GATE_OFF = new Code("feature-gate-off", Code.Family.POLICY);
  public static final Code PDB_PRESENT = new Code("pdb-present", Code.Family.POLICY);
  public static final Code PDB_UNHEALTHY_EVICTION_POLICY = new Code("pdb-unhealthy-eviction-policy", Code.Family.POLICY);
  public static final Code PDB_BLOCKS_DRAIN = new Code("pdb-blocks-drain", Code.Family.POLICY);
  public static final Code STORAGE_CLASS_RECLAIM_DELETE = new Code("storage-class-reclaim-delete", Code.Family.POLICY);
  public static final Code PVC_RETENTION_DELETE = new Code("pvc-retention-delete", Code.Family.POLICY);
  public static final Code CRONJOB_STARTING_DEADLINE = new Code("cronjob-starting-deadline", Code.Family.POLICY);
  public static final Code CRONJOB_CONCURRENCY_FORBID = new Code("cronjob-concurrency-forbid", Code.Family.POLICY);
  public static final Code JOB_TTL = new Code("job-ttl", Code.Family.POLICY);
  public static final Code BACKUP_RPO = new Code("backup-rpo", Code.Family.POLICY);
  public static final Code GITOPS_CLAIM_WAVE = new Code("gitops-claim-wave", Code.Family.POLICY);

  // The data-safety guard: changes to the previous output (acknowledgeable)
  public static final Code IMMUTABLE_FIELD = new Code("immutable-field", Code.Family.GUARD);
  public static final Code VOLUME_SHRINK = new Code("volume-shrink", Code.Family.GUARD);
  public static final Code VOLUME_CLASS_CHANGE = new Code("volume-class-change", Code.Family.GUARD);
  public static final Code VOLUME_GROW = new Code("volume-grow", Code.Family.GUARD);
  public static final Code STORAGE_CLASS_CHANGE = new Code("storage-class-change", Code.Family.GUARD);
  public static final Code RECLAIM_DELETE = new Code("reclaim-delete", Code.Family.GUARD);
  public static final Code RETENTION_DELETE = new Code("retention-delete", Code.Family.GUARD);
  public static final Code APP_REMOVED = new Code("app-removed", Code.Family.GUARD);
  public static final Code ORDINALS_START_CHANGE = new Code("ordinals-start-change", Code.Family.GUARD);
  public static final Code VOLUME_SUBPATH_CHANGE = new Code("volume-subpath-change", Code.Family.GUARD);

  // Writing the output
  public static final Code OUTPUT_NOT_OWNED = new Code("output-not-owned", Code.Family.OUTPUT);
  public static final Code OUTPUT_NOT_DIRECTORY = new Code("output-not-directory", Code.Family.OUTPUT);
  public static final Code OUTPUT_BASELINE_MISSING = new Code("output-baseline-missing", Code.Family.OUTPUT);
  public static final Code OUTPUT_LOCKED = new Code("output-locked", Code.Family.OUTPUT);
  public static final Code OUTPUT_RECOVERED = new Code("output-recovered", Code.Family.OUTPUT);

  // Checking hand-written YAML (stateforge:validate)
  public static final Code NO_MANIFEST_DIRECTORY = new Code("no-manifest-directory", Code.Family.VALIDATE);
  public static final Code YAML_SYNTAX = new Code("yaml-syntax", Code.Family.VALIDATE);
  public static final Code DUPLICATE_KEY = new Code("duplicate-key", Code.Family.VALIDATE);
  public static final Code NOT_AN_OBJECT = new Code("not-an-object", Code.Family.VALIDATE);
  public static final Code MISSING_KIND = new Code("missing-kind", Code.Family.VALIDATE);
  public static final Code UNKNOWN_KIND = new Code("unknown-kind", Code.Family.VALIDATE);
  public static final Code YAML_TOO_LARGE = new Code("yaml-too-large", Code.Family.VALIDATE);
  public static final Code NUMBER_OUT_OF_RANGE = new Code("number-out-of-range", Code.Family.VALIDATE);
  public static final Code MISSING_NAME = new Code("missing-name", Code.Family.VALIDATE);
  public static final Code SECRET_IN_GIT = new Code("secret-in-git", Code.Family.VALIDATE);
  public static final Code K8S_SCHEMA = new Code("k8s-schema", Code.Family.VALIDATE);
  public static final Code DUPLICATE_OBJECT = new Code("duplicate-object", Code.Family.VALIDATE);

  private static final List<Code> ALL = collect();

  private Codes() {}

  /** Every code (order unspecified: tests compare sets). */
  public static List<Code> all() {
    return ALL;
  }

  /** The code with this id, for reading ids back (acknowledgements, SARIF); null when there is none. */
  public static Code byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }

  /** Read from this class's own constants, so a code cannot be declared here and left out of the list. */
  private static List<Code> collect() {
    List<Code> codes = new ArrayList<>();
    for (Field field : Codes.class.getDeclaredFields()) {
      if (field.getType() == Code.class && Modifier.isStatic(field.getModifiers())) {
        try {
          codes.add((Code) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.copyOf(codes);
  }
}
