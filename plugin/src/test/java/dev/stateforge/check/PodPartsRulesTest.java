package dev.stateforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.generate.GitOpsAnnotations;
import dev.stateforge.generate.Labels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pod-part rules' own logic; the error corpus (env-downward, placement-problems, metadata-reserved) shows their messages. */
class PodPartsRulesTest {

  @Nested
  class EnvFields {
    @Test
    void everyFieldKubernetesSupportsForEnvIsAccepted() {
      for (String field : EnvSourceRules.FIELDS) {
        assertThat(EnvSourceRules.fieldProblem(field)).as(field).isEmpty();
      }
      assertThat(EnvSourceRules.fieldProblem("metadata.labels['apps.kubernetes.io/pod-index']")).isEmpty();
      assertThat(EnvSourceRules.fieldProblem("metadata.annotations['example.com/role']")).isEmpty();
      assertThat(EnvSourceRules.fieldProblem("metadata.labels['team']")).isEmpty();
    }

    @Test
    void fieldsOnlyAVolumeOrNothingCanReadAreRefused() {
      // Whole maps are for downwardAPI volumes; spec.hostname and status.phase are not downward API fields at all.
      for (String field : List.of("metadata.labels", "metadata.annotations", "spec.hostname", "status.phase", "metadata.generateName",
          "metadata.labels[team]", "metadata.labels['']", "metadata.labels['-bad']", "METADATA.NAME")) {
        assertThat(EnvSourceRules.fieldProblem(field)).as(field).isPresent();
      }
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void onlyAPlainSleepHasAKnownLength() {
      assertThat(LifecycleRules.sleepSeconds(List.of("sleep", "45"))).isEqualTo(45);
      assertThat(LifecycleRules.sleepSeconds(List.of("/bin/sleep", "5"))).isEqualTo(5);
      assertThat(LifecycleRules.sleepSeconds(List.of("sleep", "5s"))).isEqualTo(-1);
      assertThat(LifecycleRules.sleepSeconds(List.of("sh", "-c", "sleep 45"))).isEqualTo(-1);
      assertThat(LifecycleRules.sleepSeconds(List.of("nodetool", "drain"))).isEqualTo(-1);
    }
  }

  /** The check stage may not import generate, so the reserved keys are listed twice; this ties the lists together. */
  @Test
  void theReservedKeysAreWhatTheGeneratorsWrite() {
    assertThat(MetadataRules.SELECTOR_LABELS).isEqualTo(Set.of(Labels.NAME, Labels.INSTANCE));
    assertThat(MetadataRules.APP_LABELS).isEqualTo(Set.of(Labels.MANAGED_BY, Labels.VERSION));
    assertThat(MetadataRules.GITOPS_ANNOTATIONS)
        .isEqualTo(Set.of(GitOpsAnnotations.ARGO_SYNC_WAVE, GitOpsAnnotations.ARGO_SYNC_OPTIONS, GitOpsAnnotations.FLUX_PRUNE));
  }
}
