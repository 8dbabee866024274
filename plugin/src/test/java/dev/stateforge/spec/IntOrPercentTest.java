package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntOrPercentTest {
  @Test
  void percentagesRoundUpLikeTheDisruptionController() {
    assertThat(IntOrPercent.parse("50%").resolve(3)).isEqualTo(2);
    assertThat(IntOrPercent.parse("25%").resolve(1)).isEqualTo(1);
    assertThat(IntOrPercent.parse("0%").resolve(5)).isZero();
    assertThat(IntOrPercent.parse("2").resolve(5)).isEqualTo(2);
  }

  @Test
  void printsAsWritten() {
    assertThat(IntOrPercent.parse("25%")).hasToString("25%");
    assertThat(IntOrPercent.ofCount(1)).hasToString("1");
  }
}
