package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariableReferencesTest {

  private static EnvVarSpec literal(String name, String value) {
    return new EnvVarSpec(name, new EnvVarSpec.Literal(value));
  }

  private static List<String> names(List<EnvVarSpec> env) {
    return env.stream().map(EnvVarSpec::name).toList();
  }

  @Test
  void readsReferencesAsTheKubeletDoes() {
    assertThat(VariableReferences.in("--name=$(HOSTNAME) --dir=$(DATA_DIR)/$(HOSTNAME)")).containsExactly("HOSTNAME", "DATA_DIR");
    assertThat(VariableReferences.in("$$(ESCAPED) and $$$(AFTER_ESCAPE)")).containsExactly("AFTER_ESCAPE");
    assertThat(VariableReferences.in("cost: $5, $(UNCLOSED")).isEmpty();
    assertThat(VariableReferences.in("$(date +%s) $()")).containsExactly("date +%s", "");
    assertThat(VariableReferences.in("$")).isEmpty();
  }

  @Test
  void onlyConventionalNamesAreTakenForMistakesWhenUndefined() {
    assertThat(VariableReferences.looksLikeVariable("HOSTNAME")).isTrue();
    assertThat(VariableReferences.looksLikeVariable("_PRIVATE_1")).isTrue();
    assertThat(VariableReferences.looksLikeVariable("hostname")).isFalse();
    assertThat(VariableReferences.looksLikeVariable("date +%s")).isFalse();
    assertThat(VariableReferences.looksLikeVariable("")).isFalse();
  }

  @Test
  void writesEachEntryAfterWhatItRefersToAndOtherwiseInNameOrder() {
    List<EnvVarSpec> env = List.of(
        literal("A", "$(B)/$(C)"), literal("B", "$(C)"), literal("C", "c"), literal("D", "d"), new EnvVarSpec("E",
            new EnvVarSpec.SecretKey("s", "k")));
    assertThat(names(VariableReferences.dependencyOrder(env))).containsExactly("C", "B", "A", "D", "E");
    // With no references, the order is the name order.
    assertThat(names(VariableReferences.dependencyOrder(List.of(literal("Z", "z"), literal("A", "a"))))).containsExactly("A", "Z");
  }

  @Test
  void findsEveryCycleOnceStartingAtItsSmallestName() {
    List<EnvVarSpec> env = List.of(
        literal("ADVERTISE", "$(PEER_HOST):2380"), literal("PEER_HOST", "$(ADVERTISE)"), literal("SELF", "x$(SELF)"),
        literal("BEHIND", "$(PEER_HOST)"), literal("FREE", "$(UNDEFINED)"));
    assertThat(VariableReferences.cycles(env))
        .containsExactly(List.of("ADVERTISE", "PEER_HOST", "ADVERTISE"), List.of("SELF", "SELF"));
    // Entries stuck behind a cycle still get written, after the others.
    assertThat(names(VariableReferences.dependencyOrder(env))).containsExactly("FREE", "ADVERTISE", "BEHIND", "PEER_HOST", "SELF");
  }

  @Test
  void aHostileChainOfThousandsOfEntriesNeitherOverflowsNorStalls() {
    List<EnvVarSpec> env = new ArrayList<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      env.add(literal(String.format("V%05d", i), "$(" + String.format("V%05d", (i + 1) % n) + ")"));
    }
    assertThat(VariableReferences.cycles(env)).singleElement().satisfies(cycle -> assertThat(cycle).hasSize(n + 1));
    env.set(n - 1, literal(String.format("V%05d", n - 1), "end"));
    assertThat(VariableReferences.cycles(env)).isEmpty();
    assertThat(names(VariableReferences.dependencyOrder(env))).first().isEqualTo(String.format("V%05d", n - 1));
  }
}
