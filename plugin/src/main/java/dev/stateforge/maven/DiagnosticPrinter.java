package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** Prints a report's diagnostics at their own log levels and turns failures into one exception. */
final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  static void print(CompileReport report, Log log) {
    for (Diagnostic d : report.diagnostics()) {
      switch (d.severity()) {
        case ERROR -> log.error(d.format());
        case WARNING -> log.warn(d.format());
        case NOTE -> log.info(d.format());
      }
    }
  }

  /**
   * Throws one {@link MojoFailureException} when the report has errors (or warnings, when they
   * count as failures): its short message is the first finding plus how many more there are.
   */
  static void failIfNeeded(CompileReport report, boolean failOnWarning) throws MojoFailureException {
    if (!report.fails(failOnWarning)) {
      return;
    }
    List<Diagnostic> failures = report.diagnostics().stream()
        .filter(d -> d.isError() || (failOnWarning && d.severity() == Severity.WARNING))
        .toList();
    String first = failures.get(0).headline();
    int more = failures.size() - 1;
    String summary = more == 0 ? first : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    String why = report.hasErrors() ? "" : " (failOnWarning is set)";
    throw new MojoFailureException("Stateforge found " + failures.size() + " problem"
        + (failures.size() == 1 ? "" : "s") + why + "; nothing was written. " + summary);
  }
}
