package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  static final List<String> KEYS = List.of("name", "namespace", "replicas", "resources", "storage", "storageClasses");

  @Test
  void findsTyposAndTranspositions() {
    assertThat(Suggestions.closest("replcas", KEYS)).isEqualTo("replicas");
    assertThat(Suggestions.closest("resoruces", KEYS)).isEqualTo("resources");
    assertThat(Suggestions.closest("storageclasses", KEYS)).isEqualTo("storageClasses");
    assertThat(Suggestions.closest("nmae", KEYS)).isEqualTo("name");
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("colour", KEYS)).isNull();
    assertThat(Suggestions.closest("x", KEYS)).isNull();
  }

  @Test
  void distanceCountsATranspositionAsOneEdit() {
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }
}
