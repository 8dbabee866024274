package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.GitOpsAnnotations;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** How Argo CD and Flux will apply the objects. */
final class GitOpsRules {
  private GitOpsRules() {}

  static List<PolicyRule> all() {
    return List.of(new ClaimWave());
  }

  /**
   * Argo CD applies a wave and waits until it is healthy before the next. A claim whose class binds
   * on first consumer stays Pending, which Argo CD counts as progressing, until a pod uses it: in a
   * wave before every pod that uses it, the sync never gets past that wave.
   */
  static final class ClaimWave extends AbstractRule {
    ClaimWave() {
      super(Codes.GITOPS_CLAIM_WAVE, Severity.ERROR, "claims must not sync in an earlier Argo CD wave than the pods that use them");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof PersistentVolumeClaim claim)) {
        return List.of();
      }
      OptionalInt claimWave = wave(claim);
      if (claimWave.isEmpty()) {
        return List.of();
      }
      Optional<Consumer> first = all.claimConsumers(claim).stream()
          .map(c -> new Consumer(c, wave(c.object())))
          .filter(c -> c.wave().isPresent())
          .min(Comparator.comparingInt((Consumer c) -> c.wave().getAsInt()).thenComparing(c -> c.object().displayName()));
      if (first.isEmpty() || first.get().wave().getAsInt() <= claimWave.getAsInt()) {
        return List.of();
      }
      String className = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
      Optional<StorageClass> storageClass = className == null ? Optional.empty() : all.storageClass(className);
      String binding;
      if (storageClass.isPresent()) {
        if (!"WaitForFirstConsumer".equals(storageClass.get().getVolumeBindingMode())) {
          return List.of(); // Immediate (the API default) binds without a pod
        }
        binding = "its class " + className + " binds on first consumer";
      } else {
        binding = (className == null ? "it uses the cluster's default class" : "its class " + className + " is not declared here")
            + ", which may bind on first consumer (most CSI classes do)";
      }
      Consumer consumer = first.get();
      return List.of(finding(object, "/metadata/annotations/" + GitOpsAnnotations.ARGO_SYNC_WAVE.replace("/", "~1"),
          SpecKeys.GITOPS_CLAIM_WAVE,
          object.displayName() + " syncs in wave " + claimWave.getAsInt() + ", before " + consumer.object().displayName()
              + " (wave " + consumer.wave().getAsInt() + ") that uses it; " + binding
              + ", so the claim stays Pending and Argo CD never gets past wave " + claimWave.getAsInt(),
          "leave gitops.syncWaves.claims unset, so each claim syncs with the pods that use it, or set it to "
              + consumer.wave().getAsInt() + " or later"));
    }

    private record Consumer(OutputObject object, OptionalInt wave) {}
  }

  /** The object's sync wave: its annotation, 0 without one (as Argo CD reads it), empty if unreadable. */
  static OptionalInt wave(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(GitOpsAnnotations.ARGO_SYNC_WAVE);
    if (value == null) {
      return OptionalInt.of(0);
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
