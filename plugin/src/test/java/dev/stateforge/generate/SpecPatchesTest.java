package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.PatchSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecPatchesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static OutputObject statefulSet() {
    return new OutputObject("statefulset.yaml", new StatefulSetBuilder()
        .withNewMetadata().withName("orders-db").endMetadata()
        .withNewSpec().withReplicas(3).withServiceName("orders-db-headless")
        .withNewTemplate().withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16.4")
        .addNewEnv().withName("A").withValue("1").endEnv().endContainer().endSpec().endTemplate()
        .endSpec().build());
  }

  private static OutputObject service() {
    return new OutputObject("service.yaml", new ServiceBuilder().withNewMetadata().withName("orders-db").endMetadata().build());
  }

  private static PatchSpec patch(String kind, String name, PatchSpec.Operation... operations) {
    return new PatchSpec(kind, name, List.of(operations));
  }

  private static PatchSpec.Operation op(String op, String path, JsonNode value) {
    return new PatchSpec.Operation(op, path, value, null);
  }

  private static final List<String> KNOWN = List.of("StatefulSet/orders-db", "Service/orders-db", "CronJob/orders-db-backup");

  @Test
  void appliesTheOperationsInOrderToACopyAndRecordsWhatTheyTouched() {
    OutputObject set = statefulSet();
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("StatefulSet", "orders-db",
            op("test", "/spec/replicas", JSON.numberNode(3)),
            op("replace", "/spec/replicas", JSON.numberNode(5)),
            op("add", "/spec/template/spec/containers/0/env/-", JSON.objectNode().put("name", "B").put("value", "2")))),
        List.of(set, service()), KNOWN);

    assertThat(result.problems()).isEmpty();
    StatefulSet patched = (StatefulSet) result.of(List.of(set)).get(0).object();
    assertThat(patched.getSpec().getReplicas()).isEqualTo(5);
    assertThat(patched.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).hasSize(2);
    assertThat(((StatefulSet) set.object()).getSpec().getReplicas()).as("the generated object is not changed").isEqualTo(3);
    assertThat(result.touched().get("StatefulSet/orders-db")).extracting(SpecPatches.Touch::pointer)
        .containsExactly("/spec/replicas", "/spec/replicas", "/spec/template/spec/containers/0/env/1");
    assertThat(result.touched().get("StatefulSet/orders-db").get(2).at())
        .isEqualTo(SpecPath.of("patches", 0, "operations", 2));
  }

  /** A move touches the field it takes away and the one it sets, so findings on either point at it; a copy only the one it sets. */
  @Test
  void moveAndCopyRecordWhatTheyTouched() {
    OutputObject set = statefulSet();
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("StatefulSet", "orders-db",
            new PatchSpec.Operation("copy", "/spec/minReadySeconds", null, "/spec/replicas"),
            new PatchSpec.Operation("move", "/spec/revisionHistoryLimit", null, "/spec/minReadySeconds"))),
        List.of(set, service()), KNOWN);

    assertThat(result.problems()).isEmpty();
    StatefulSet patched = (StatefulSet) result.of(List.of(set)).get(0).object();
    assertThat(patched.getSpec().getRevisionHistoryLimit()).isEqualTo(3);
    assertThat(patched.getSpec().getMinReadySeconds()).as("moved away").isNull();
    assertThat(patched.getSpec().getReplicas()).as("copied from, kept").isEqualTo(3);
    assertThat(result.touched().get("StatefulSet/orders-db")).extracting(SpecPatches.Touch::pointer, t -> t.at().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/spec/minReadySeconds", "patches[0].operations[0]"),
            org.assertj.core.groups.Tuple.tuple("/spec/minReadySeconds", "patches[0].operations[1]"),
            org.assertj.core.groups.Tuple.tuple("/spec/revisionHistoryLimit", "patches[0].operations[1]"));
  }

  @Test
  void aPatchOfASharedClassIsRefusedWithItsOwnReason() {
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("StorageClass", "fast",
            op("replace", "/parameters/type", JSON.textNode("io2")))),
        List.of(statefulSet()), KNOWN);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecPatches.Reason.TARGET_SHARED);
      assertThat(p.at().toString()).isEqualTo("patches[0].target.kind");
      assertThat(p.hint()).contains("storageClasses.fast");
    });
  }

  @Test
  void anOperationOnAMissingPathIsAProblemAtTheOperationAndLeavesThePatchOutWhole() {
    OutputObject set = statefulSet();
    SpecPatches.Result result = SpecPatches.apply(List.of(
            patch("StatefulSet", "orders-db",
                op("replace", "/spec/replicas", JSON.numberNode(5)),
                op("remove", "/spec/template/spec/hostNetwork", null)),
            patch("StatefulSet", "orders-db", op("test", "/spec/serviceName", JSON.textNode("zk-hs")))),
        List.of(set), KNOWN);

    assertThat(result.problems()).extracting(SpecPatches.Problem::reason, p -> p.at().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SpecPatches.Reason.DOES_NOT_APPLY, "patches[0].operations[1]"),
            org.assertj.core.groups.Tuple.tuple(SpecPatches.Reason.DOES_NOT_APPLY, "patches[1].operations[0]"));
    assertThat(result.problems().get(1).message()).contains("Expected value \"zk-hs\" but found value \"orders-db-headless\"");
    assertThat(result.problems().get(0).message()).contains("there is no spec.template.spec.hostNetwork");
    assertThat(result.of(List.of(set)).get(0)).as("replicas = 5 is left out with the rest of its patch").isSameAs(set);
  }

  @Test
  void aTargetTheAppDoesNotGenerateIsAProblemWithTheClosestName() {
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("StatefulSet", "orders-bd",
        op("add", "/spec/minReadySeconds", JSON.numberNode(5)))), List.of(statefulSet()), KNOWN);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecPatches.Reason.TARGET_UNKNOWN);
      assertThat(p.at()).isEqualTo(SpecPath.of("patches", 0, "target"));
      assertThat(p.hint()).startsWith("did you mean StatefulSet/orders-db?");
    });
  }

  @Test
  void aTargetAnEnvironmentDropsIsSkippedThere() {
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("CronJob", "orders-db-backup",
        op("add", "/spec/suspend", JSON.booleanNode(true)))), List.of(statefulSet()), KNOWN);

    assertThat(result.problems()).isEmpty();
    assertThat(result.touched()).isEmpty();
  }

  @Test
  void aPatchThatLeavesNoObjectOfItsKindIsAProblemAtThePatch() {
    SpecPatches.Result result = SpecPatches.apply(List.of(patch("StatefulSet", "orders-db",
        op("replace", "/spec/replicas", JSON.textNode("three")))), List.of(statefulSet()), KNOWN);

    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecPatches.Reason.NOT_ITS_KIND);
      assertThat(p.at()).isEqualTo(SpecPath.of("patches", 0));
    });
  }

  @Test
  void noPatchesChangeNothing() {
    OutputObject set = statefulSet();
    assertThat(SpecPatches.apply(List.of(), List.of(set), KNOWN).of(List.of(set)).get(0)).isSameAs(set);
  }
}
