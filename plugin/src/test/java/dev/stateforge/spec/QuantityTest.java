package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

  @ParameterizedTest
  @CsvSource({
    "50Gi, 53687091200",
    "1Ki, 1024",
    "500m, 0.500",
    "2, 2",
    "1.5G, 1500000000",
    "1e3, 1000",
    "0.5, 0.5",
    ".5Mi, 524288.0"
  })
  void valueIsInBaseUnits(String text, String expected) {
    assertThat(new Quantity(text).value()).isEqualByComparingTo(new BigDecimal(expected));
  }

  @Test
  void comparesByValueNotSpelling() {
    assertThat(new Quantity("1Gi")).isGreaterThan(new Quantity("1G"));
    assertThat(new Quantity("1024Mi").compareTo(new Quantity("1Gi"))).isZero();
    assertThat(new Quantity("0Gi").isZero()).isTrue();
  }

  @Test
  void rejectsWhatKubernetesRejects() {
    assertThatThrownBy(() -> new Quantity("50 Gi")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Quantity.parseOrNull("10GB")).isNull();
    assertThat(Quantity.parseOrNull("-1Gi")).isNull();
    assertThat(Quantity.parseOrNull("1gi")).isNull();
  }

  @ParameterizedTest
  @CsvSource({"50 Gi, 50Gi", "10GB, 10Gi", "10gb, 10Gi", "2GiB, 2Gi", "1gi, 1Gi", "512mb, 512Mi", "4 kB, 4Ki"})
  void suggestsTheLikelyIntendedSpelling(String typo, String suggestion) {
    assertThat(Quantity.suggest(typo)).isEqualTo(suggestion);
  }

  @Test
  void suggestsNothingForWords() {
    assertThat(Quantity.suggest("half")).isNull();
    assertThat(Quantity.suggest("lots")).isNull();
  }
}
