package dev.stateforge.maven;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.report.SarifReport;
import dev.stateforge.report.SummaryTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** Prints diagnostics at their own log levels with a summary, writes the SARIF report, and turns failures into one exception. */
final class DiagnosticPrinter {
  private DiagnosticPrinter() {}

  static void print(List<Diagnostic> diagnostics, Log log) {
    for (Diagnostic d : diagnostics) {
      switch (d.severity()) {
        case ERROR -> log.error(d.format());
        case WARNING -> log.warn(d.format());
        case NOTE -> log.info(d.format());
      }
    }
    if (!diagnostics.isEmpty()) {
      log.info("");
      SummaryTable.lines(diagnostics).forEach(line -> log.info("  " + line));
    }
  }

  /** Writes the SARIF report; a report that cannot be written is a warning, never a reason to fail. */
  static void writeReport(List<Diagnostic> diagnostics, File reportFile, String version, Log log) {
    if (reportFile == null) {
      return;
    }
    try {
      Files.createDirectories(reportFile.toPath().toAbsolutePath().getParent());
      byte[] sarif = SarifReport.render(diagnostics, version);
      // The same findings as last time: left as it is, so that an up-to-date build writes nothing.
      if (!Files.isRegularFile(reportFile.toPath()) || Files.size(reportFile.toPath()) != sarif.length
          || !java.util.Arrays.equals(Files.readAllBytes(reportFile.toPath()), sarif)) {
        Files.write(reportFile.toPath(), sarif);
      }
      log.info("Findings report (SARIF): " + reportFile);
    } catch (IOException e) {
      log.warn("Cannot write the findings report " + reportFile + ": " + e.getMessage());
    }
  }

  /**
   * Throws one {@link MojoFailureException} when the report has errors (or warnings, when they
   * count as failures): its short message is the first finding plus how many more there are.
   */
  static void failIfNeeded(List<Diagnostic> diagnostics, boolean failOnWarning, String consequence)
      throws MojoFailureException {
    boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
    List<Diagnostic> failures = diagnostics.stream()
        .filter(d -> d.isError() || (failOnWarning && d.severity() == Severity.WARNING))
        .toList();
    if (failures.isEmpty()) {
      return;
    }
    String first = failures.get(0).headline();
    int more = failures.size() - 1;
    String summary = more == 0 ? first : first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    String why = errors ? "" : " (failOnWarning is set)";
    throw new MojoFailureException("Stateforge found " + failures.size() + " problem"
        + (failures.size() == 1 ? "" : "s") + why + consequence + ". " + summary);
  }
}
