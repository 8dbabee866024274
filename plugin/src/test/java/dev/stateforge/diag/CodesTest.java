package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry holds each code once, every family has codes, and only policy and guard codes are acknowledgeable. */
class CodesTest {
  @Test
  void everyCodeIsListedOnceUnderItsOwnId() {
    assertThat(Codes.all()).hasSizeGreaterThan(100).doesNotHaveDuplicates();
    assertThat(Codes.all().stream().map(Code::id)).doesNotHaveDuplicates();
    long constants = Arrays.stream(Codes.class.getDeclaredFields()).filter(f -> f.getType() == Code.class).count();
    assertThat(Codes.all()).hasSize((int) constants);
    Codes.all().forEach(code -> assertThat(Codes.byId(code.id())).isSameAs(code));
    assertThat(Codes.byId("no-such-code")).isNull();
  }

  @Test
  void everyFamilyHasCodesAndOnlyPolicyAndGuardMayBeAcknowledged() {
    Set<Code.Family> families = Codes.all().stream().map(Code::family).collect(Collectors.toSet());
    assertThat(families).containsExactlyInAnyOrder(Code.Family.values());
    Set<Code.Family> acknowledgeable = Codes.all().stream().filter(Code::acknowledgeable).map(Code::family).collect(Collectors.toSet());
    assertThat(acknowledgeable).isEqualTo(EnumSet.of(Code.Family.POLICY, Code.Family.GUARD));
  }

  @Test
  void anIdIsLowerCaseWordsJoinedByDashes() {
    assertThatThrownBy(() -> new Code("Quantity_Format", Code.Family.SHAPE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Code("quantity-", Code.Family.SHAPE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Code("quantity-format", Code.Family.SHAPE)).hasToString("quantity-format");
  }
}
