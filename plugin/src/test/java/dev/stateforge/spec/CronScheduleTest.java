package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which schedules a CronJob accepts, what the problem is called when it does not, and the longest gap between runs. */
class CronScheduleTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0 3 * * *", "*/15 * * * *", "0 0 1 1 *", "30 2 * * 1-5", "0 */6 * * *", "5,35 8-18 * * mon-fri",
      "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "  0 3 * * *  ", " @daily "})
  void aValidScheduleHasNoProblem(String text) {
    assertThat(CronSchedule.problem(text)).isEmpty();
    assertThat(new CronSchedule(text).text()).isEqualTo(text);
    assertThat(new CronSchedule(text)).hasToString(text);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
    "0 3 * *        | has 4 field(s); a schedule has 5: minute hour day-of-month month day-of-week",
    "0 0 3 * * *    | has 6 field(s); a schedule has 5: minute hour day-of-month month day-of-week",
    "@often         | has 1 field(s); a schedule has 5: minute hour day-of-month month day-of-week",
    "''             | has 1 field(s); a schedule has 5: minute hour day-of-month month day-of-week",
  })
  void aScheduleNeedsFiveFields(String text, String problem) {
    assertThat(CronSchedule.problem(text)).contains(problem);
    assertThatThrownBy(() -> new CronSchedule(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
    "60 3 * * *     | field 1 (minute) \"60\": ",
    "0 24 * * *     | field 2 (hour) \"24\": ",
    "0 3 32 * *     | field 3 (day of month) \"32\": ",
    "0 3 0 * *      | field 3 (day of month) \"0\": ",
    "0 3 * 13 *     | field 4 (month) \"13\": ",
    "0 3 * * 8      | field 5 (day of week) \"8\": ",
    "0 3 * * funday | field 5 (day of week) \"funday\": ",
    "x 3 * * *      | field 1 (minute) \"x\": ",
  })
  void aBadFieldIsNamed(String text, String start) {
    assertThat(CronSchedule.problem(text)).hasValueSatisfying(p -> {
      assertThat(p).startsWith(start);
      assertThat(p).as("without cron-utils' preamble").doesNotContain("Failed to parse cron expression");
      assertThat(p.length()).isGreaterThan(start.length());
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "0 3 * * *      | PT24H",
    "*/15 * * * *   | PT15M",
    "@hourly        | PT1H",
    "0 */6 * * *    | PT6H",
    "30 2 * * 1-5   | PT72H",
    "0 0 1 * *      | PT744H",
    "0 0 31 * *     | PT1464H",
    "0 0 * * 0      | PT168H",
    "0 9,17 * * *   | PT16H",
  })
  void theLongestGapIsTheWidestSpaceBetweenTwoRuns(String text, String gap) {
    assertThat(new CronSchedule(text).longestGap()).isEqualTo(Duration.parse(gap));
  }

  /** February 29 comes once in four years: the gap from one to the next, not zero (which made the backup alert fire at once). */
  @Test
  void aLeapDayScheduleHasAGapOfFourYears() {
    assertThat(CronSchedule.problem("0 0 29 2 *")).isEmpty();
    assertThat(new CronSchedule("0 0 29 2 *").longestGap()).isEqualTo(Duration.ofDays(1461));
  }

  /** Valid fields that no date matches: the CronJob would never run, and the gap could not be measured. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0 0 30 2 *", "0 0 31 4 *", "0 0 31 2,4,6 *"})
  void aScheduleThatNeverRunsIsAProblem(String text) {
    assertThat(CronSchedule.problem(text)).contains("never runs: no date has this day of month in these months");
    assertThatThrownBy(() -> new CronSchedule(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
