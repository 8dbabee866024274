package dev.stateforge.spec;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron schedule as a Kubernetes CronJob reads it (minute hour day-of-month month
 * day-of-week), or one of its macros such as {@code @daily}. Parsed by cron-utils.
 */
public record CronSchedule(String text) {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final List<String> FIELDS = List.of("minute", "hour", "day of month", "month", "day of week");
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private static final java.util.concurrent.ConcurrentMap<String, Duration> GAPS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final ZonedDateTime START = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  public CronSchedule {
    Optional<String> problem = problem(text);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  /** Why {@code text} is not a valid schedule, naming the field at fault, or empty when it is valid. */
  public static Optional<String> problem(String text) {
    String expression = MACROS.getOrDefault(text.trim(), text.trim());
    String[] parts = expression.split("\\s+");
    if (parts.length != 5) {
      return Optional.of("has " + parts.length + " field(s); a schedule has 5: minute hour day-of-month month day-of-week");
    }
    try {
      Cron cron = PARSER.parse(expression).validate();
      // Each field can be valid and the date still never come (February 30): the CronJob would never run.
      return ExecutionTime.forCron(cron).nextExecution(START).isPresent()
          ? Optional.empty()
          : Optional.of("never runs: no date has this day of month in these months");
    } catch (IllegalArgumentException whole) {
      // cron-utils does not say which field is wrong; find it by checking each field on its own.
      for (int i = 0; i < 5; i++) {
        String[] alone = {"*", "*", "*", "*", "*"};
        alone[i] = parts[i];
        try {
          PARSER.parse(String.join(" ", alone)).validate();
        } catch (IllegalArgumentException e) {
          return Optional.of("field " + (i + 1) + " (" + FIELDS.get(i) + ") \"" + parts[i] + "\": " + clean(e.getMessage()));
        }
      }
      return Optional.of(clean(whole.getMessage()));
    }
  }

  private static String clean(String message) {
    return message.replace("Failed to parse cron expression. ", "");
  }

  /**
   * The longest gap between two runs over the coming year, so that an alert for "no successful
   * backup within twice the schedule" is right for irregular schedules too.
   */
  public Duration longestGap() {
    // Up to a year of runs per call, and every app and environment of a project asks, mostly for the same few schedules.
    return GAPS.computeIfAbsent(text.trim(), t -> computeLongestGap());
  }

  private Duration computeLongestGap() {
    ExecutionTime times = ExecutionTime.forCron(cron());
    ZonedDateTime end = START.plusYears(1);
    Duration longest = Duration.ZERO;
    ZonedDateTime previous = times.nextExecution(START).orElseThrow();
    // At least one gap, even when the first run is beyond the year (February 29).
    for (int runs = 0; (previous.isBefore(end) || longest.isZero()) && runs < 20_000; runs++) {
      ZonedDateTime next = times.nextExecution(previous).orElseThrow();
      Duration gap = Duration.between(previous, next);
      if (gap.compareTo(longest) > 0) {
        longest = gap;
      }
      previous = next;
    }
    return longest;
  }

  private Cron cron() {
    return PARSER.parse(MACROS.getOrDefault(text.trim(), text.trim()));
  }

  @Override
  public String toString() {
    return text;
  }
}
