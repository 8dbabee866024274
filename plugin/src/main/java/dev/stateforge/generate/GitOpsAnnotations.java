package dev.stateforge.generate;

import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.GitOpsSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The annotations Argo CD and Flux read: a sync wave on every object, and prune protection on
 * objects that hold data. Generators build plain objects; this adds what the spec's {@code gitops}
 * asks for, in one place, to the base, each component and each environment alike.
 */
public final class GitOpsAnnotations {
  public static final String ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

  /** Which part of an app a list of objects is: it decides whose wave a standalone claim follows. */
  enum Part {
    /** The base: claims of shared volumes are used by the StatefulSet's pods. */
    BASE,
    /** Backup and restore components: the backup claim is used by the backup CronJob's pods. */
    BACKUP,
    /** The monitoring component: Prometheus Operator objects, no pods. */
    MONITORING
  }

  private GitOpsAnnotations() {}

  /** Annotates {@code manifests} of one part of {@code app} in place, and returns them. */
  static List<OutputObject> annotate(AppSpec app, Part part, List<OutputObject> manifests) {
    GitOpsSpec gitops = app.gitops();
    GitOpsSpec.SyncWaves waves = gitops.syncWaves();
    for (OutputObject manifest : manifests) {
      HasMetadata object = manifest.object();
      Map<String, String> annotations = new TreeMap<>();
      if (waves.enabled()) {
        annotations.put(ARGO_SYNC_WAVE, Integer.toString(wave(waves, ObjectKind.of(object), consumerWave(waves, part))));
      }
      if (gitops.pruneProtection() && ObjectKind.of(object) == ObjectKind.PERSISTENT_VOLUME_CLAIM) {
        annotations.putAll(pruneProtection());
      }
      add(object, annotations);
    }
    return manifests;
  }

  /** The wave of the pods in this part, which its standalone claims join. */
  private static int consumerWave(GitOpsSpec.SyncWaves waves, Part part) {
    return switch (part) {
      case BASE -> waves.workload();
      case BACKUP -> waves.backups();
      case MONITORING -> waves.guards(); // no pods, no claims; for completeness
    };
  }

  /**
   * Annotates a cluster-scoped class that several apps may declare: the earliest cluster wave of the
   * declaring apps that use waves, and prune protection if any of them asks for it.
   */
  static void annotateClass(HasMetadata object, List<AppSpec> declaringApps) {
    Map<String, String> annotations = new TreeMap<>();
    OptionalInt wave = declaringApps.stream()
        .map(a -> a.gitops().syncWaves())
        .filter(GitOpsSpec.SyncWaves::enabled)
        .mapToInt(GitOpsSpec.SyncWaves::cluster)
        .min();
    wave.ifPresent(w -> annotations.put(ARGO_SYNC_WAVE, Integer.toString(w)));
    if (declaringApps.stream().anyMatch(a -> a.gitops().pruneProtection())) {
      annotations.putAll(pruneProtection());
    }
    add(object, annotations);
  }

  /**
   * {@code Prune=false} keeps Argo CD from deleting the object when it leaves Git; {@code Delete=false}
   * also when the Argo CD application is deleted. Flux's label-based garbage collection skips objects
   * with {@code prune: disabled}.
   */
  static Map<String, String> pruneProtection() {
    return Map.of(ARGO_SYNC_OPTIONS, "Prune=false,Delete=false", FLUX_PRUNE, "disabled");
  }

  /** The wave of an object by what it is; a standalone claim goes with its consumers unless the spec sets claims' wave. */
  static int wave(GitOpsSpec.SyncWaves waves, ObjectKind kind, int consumerWave) {
    return switch (kind.wave()) {
      case CLUSTER -> waves.cluster();
      case CONFIG -> waves.config();
      case WORKLOAD -> waves.workload();
      case GUARDS -> waves.guards();
      case BACKUPS -> waves.backups();
      case CLAIMS -> waves.claimWave(consumerWave);
      case NONE -> throw new StateforgeBug("no sync wave for kind " + kind.kind());
    };
  }

  private static void add(HasMetadata object, Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return;
    }
    Map<String, String> merged = new TreeMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      merged.putAll(object.getMetadata().getAnnotations());
    }
    merged.putAll(annotations);
    object.getMetadata().setAnnotations(merged);
  }
}
