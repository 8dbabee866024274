package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureGatesTest {
  private static final FeatureGates.Gate MAX_UNAVAILABLE = FeatureGates.ALL.stream()
      .filter(g -> g.name().equals("MaxUnavailableStatefulSet")).findFirst().orElseThrow();

  @Test
  void maxUnavailableIsOffInTheSupportedVersionsAndFlipsWithinOneThirtyFive() {
    assertThat(MAX_UNAVAILABLE.stateIn("1.33")).isEqualTo(FeatureGates.State.OFF);
    assertThat(MAX_UNAVAILABLE.stateIn("1.34")).isEqualTo(FeatureGates.State.OFF);
    assertThat(MAX_UNAVAILABLE.stateIn("1.35")).isEqualTo(FeatureGates.State.DEPENDS_ON_PATCH);
    assertThat(MAX_UNAVAILABLE.stateIn("1.36")).isEqualTo(FeatureGates.State.OFF);
    assertThat(MAX_UNAVAILABLE.stateIn("1.37")).isEqualTo(FeatureGates.State.ON);
    assertThat(MAX_UNAVAILABLE.onByDefault()).isEqualTo("in 1.35 to 1.35.3, and from 1.37");
    for (String version : KubernetesSchemas.versions()) {
      assertThat(FeatureGates.notOnIn(version)).as("gates off in %s", version).containsExactly(MAX_UNAVAILABLE);
    }
  }

  @Test
  void aGateThatWentGaIsOnFromItsBeta() {
    FeatureGates.Gate gate = FeatureGates.gate("Example", "StatefulSet", "/spec/x", SpecPath.of("x"),
        "1.23.0: alpha off; 1.27.0: beta on; 1.32.0: GA on");
    assertThat(gate.stateIn("1.26")).isEqualTo(FeatureGates.State.OFF);
    assertThat(gate.stateIn("1.27")).isEqualTo(FeatureGates.State.ON);
    assertThat(gate.stateIn("1.22")).as("before the gate existed, the field did nothing").isEqualTo(FeatureGates.State.OFF);
    assertThat(gate.onByDefault()).isEqualTo("from 1.27");
  }

  @Test
  void aMalformedRowFailsAtOnce() {
    assertThatThrownBy(() -> FeatureGates.gate("Bad", "StatefulSet", "/spec/x", SpecPath.of("x"), "1.24.0: alpha maybe"))
        .hasMessageContaining("on|off");
    assertThatThrownBy(() -> FeatureGates.gate("Bad", "StatefulSet", "/spec/x", SpecPath.of("x"), "1.30.0: beta on; 1.29.0: GA on"))
        .hasMessageContaining("release order");
  }

  @Test
  void theRuleWarnsOnlyWhereTheFieldIsSetAndTheGateIsOff() {
    StatefulSet withField = new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
        .withNewSpec().withReplicas(3).withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withNewMaxUnavailable(1).endRollingUpdate().endUpdateStrategy().endSpec().build();
    StatefulSet without = new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
        .withNewSpec().withReplicas(3).endSpec().build();
    FeatureGateRule rule = new FeatureGateRule();
    for (String version : List.of("1.33", "1.36")) {
      OutputObject object = new OutputObject("db/base/statefulset.yaml", withField);
      assertThat(rule.check(object, new ObjectSet(List.of(object), VerifyContext.of(version))))
          .singleElement().satisfies(f -> {
            assertThat(f.specPath()).hasToString("updates.maxUnavailable");
            assertThat(f.message()).isEqualTo("StatefulSet/db sets spec.updateStrategy.rollingUpdate.maxUnavailable, which "
                + "needs the feature gate MaxUnavailableStatefulSet, off by default in Kubernetes " + version
                + " (on by default in 1.35 to 1.35.3, and from 1.37): the cluster keeps the field and ignores it");
          });
      OutputObject plain = new OutputObject("db/base/statefulset.yaml", without);
      assertThat(rule.check(plain, new ObjectSet(List.of(plain), VerifyContext.of(version)))).isEmpty();
    }
    OutputObject object = new OutputObject("db/base/statefulset.yaml", withField);
    assertThat(rule.check(object, new ObjectSet(List.of(object), VerifyContext.of("1.37")))).isEmpty();
  }
}
