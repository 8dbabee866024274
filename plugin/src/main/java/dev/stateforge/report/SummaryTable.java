package dev.stateforge.report;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The table printed at the end of a build: how many findings of each code, most severe first. */
public final class SummaryTable {
  private SummaryTable() {}

  public static List<String> lines(List<Diagnostic> diagnostics) {
    Map<String, Severity> severity = new TreeMap<>();
    Map<String, Integer> count = new TreeMap<>();
    for (Diagnostic d : diagnostics) {
      severity.merge(d.code().id(), d.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      count.merge(d.code().id(), 1, Integer::sum);
    }
    List<String> codes = new ArrayList<>(count.keySet());
    codes.sort(Comparator.comparing((String c) -> severity.get(c)).reversed().thenComparing(c -> c));
    int width = codes.stream().mapToInt(String::length).max().orElse(4);
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-8s %-" + width + "s %5s", "severity", "code", "count"));
    for (String code : codes) {
      lines.add(String.format(Locale.ROOT, "%-8s %-" + width + "s %5d", severity.get(code).label(), code, count.get(code)));
    }
    lines.add(String.format(Locale.ROOT, "%d error(s), %d warning(s), %d note(s)",
        count(diagnostics, Severity.ERROR), count(diagnostics, Severity.WARNING), count(diagnostics, Severity.NOTE)));
    return lines;
  }

  private static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }
}
