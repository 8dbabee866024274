package dev.stateforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTableTest {
  @Test
  void countsCodesMostSevereFirst() {
    assertThat(SummaryTable.lines(SarifReportTest.FINDINGS)).containsExactly(
        "severity code            count",
        "error    quantity-format     1",
        "warning  no-specs            1",
        "warning  single-replica      1",
        "1 error(s), 2 warning(s), 0 note(s)");
  }
}
