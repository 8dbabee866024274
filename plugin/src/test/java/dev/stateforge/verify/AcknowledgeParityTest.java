package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import dev.stateforge.spec.SpecSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec schema's acknowledge keys are exactly the acknowledgeable codes of the registry (policy
 * rules and the data-safety guard): nothing a spec cannot waive, no key that waives nothing.
 */
class AcknowledgeParityTest {
  @Test
  void schemaListsEveryRuleAndNothingElse() {
    List<String> inSchema = SpecSchema.propertyNames(SpecSchema.at("/properties/acknowledge"));
    List<String> acknowledgeable = Codes.all().stream().filter(Code::acknowledgeable).map(Code::id).sorted().toList();
    assertThat(acknowledgeable).hasSizeGreaterThan(30);
    assertThat(inSchema).containsExactlyElementsOf(acknowledgeable);
  }

  /** The registry's policy family is exactly the rules that run: no rule without a code, no code without a rule. */
  @Test
  void thePolicyFamilyIsTheRules() {
    assertThat(PolicyRules.all()).extracting(PolicyRule::code)
        .containsExactlyInAnyOrderElementsOf(Codes.all().stream().filter(c -> c.family() == Code.Family.POLICY).toList());
  }

  @Test
  void ruleIdsAreUniqueAndGreppable() {
    List<String> ids = PolicyRules.all().stream().map(PolicyRule::id).toList();
    assertThat(ids).hasSizeGreaterThan(15).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
  }
}
