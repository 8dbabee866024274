package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.spec.SpecSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec schema's acknowledge keys are exactly the policy rule ids and the data-safety guard's
 * codes: nothing a spec cannot waive, no key that waives nothing.
 */
class AcknowledgeParityTest {
  @Test
  void schemaListsEveryRuleAndNothingElse() {
    List<String> inSchema = SpecSchema.propertyNames(SpecSchema.at("/properties/acknowledge"));
    List<String> rules = java.util.stream.Stream.concat(
            PolicyRules.all().stream().map(PolicyRule::id), DataSafetyGuard.CODES.stream())
        .sorted()
        .toList();
    assertThat(inSchema).containsExactlyElementsOf(rules);
  }

  @Test
  void ruleIdsAreUniqueAndGreppable() {
    List<String> ids = PolicyRules.all().stream().map(PolicyRule::id).toList();
    assertThat(ids).hasSizeGreaterThan(15).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
  }
}
