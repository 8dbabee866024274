package dev.stateforge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.SpecPatches;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchSitesTest {
  private static final SpecPath FIRST = SpecPath.of("patches", 0, "operations", 0);
  private static final SpecPath SECOND = SpecPath.of("patches", 1, "operations", 0);
  private static final List<SpecPatches.Touch> TOUCHES = List.of(
      new SpecPatches.Touch("/spec/template/spec/containers/0/securityContext", FIRST),
      new SpecPatches.Touch("/spec/template/spec/containers/0/securityContext/privileged", SECOND));

  @Test
  void aFindingUnderAPatchedPathIsTheDeepestPatchs() {
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0/securityContext/privileged", false)).contains(SECOND);
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0/securityContext/capabilities", false)).contains(FIRST);
  }

  @Test
  void aFindingOutsideEveryPatchedPathIsNoPatchs() {
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0/resources", false)).isEmpty();
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0/securityContextX", false)).isEmpty();
    assertThat(PatchSites.match(null, "/spec", true)).isEmpty();
  }

  @Test
  void aPolicyFindingAboutAFieldObjectIsThePatchsThatSetOneOfItsFields() {
    List<SpecPatches.Touch> touches = List.of(
        new SpecPatches.Touch("/spec/template/spec/containers/0/securityContext/capabilities/add", FIRST),
        new SpecPatches.Touch("/spec/template/spec/enableServiceLinks", SECOND));
    assertThat(PatchSites.match(touches, "/spec/template/spec/containers/0/securityContext/capabilities", false)).contains(FIRST);
    assertThat(PatchSites.match(touches, "/spec/template/spec", false)).as("a finding on the whole pod spec").isEmpty();
    assertThat(PatchSites.match(touches, "/spec/template/spec/containers/0/securityContext", false)).as("two levels up").isEmpty();
  }

  @Test
  void aSchemaViolationAroundAPatchedPathIsThePatchsOnlyWhenAsked() {
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0", false)).isEmpty();
    assertThat(PatchSites.match(TOUCHES, "/spec/template/spec/containers/0", true)).contains(SECOND);
  }
}
