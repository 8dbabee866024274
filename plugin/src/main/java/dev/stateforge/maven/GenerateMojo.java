package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.Compiler;
import dev.stateforge.emit.FileSystemOutputTree.WriteResult;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles every spec in the spec directory into a checked, kustomize-ready tree of Kubernetes
 * manifests. Every problem is reported in one run, each with its file and line; when there is any
 * error the output directory is left exactly as it was.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractCompilingMojo {

  /**
   * Where every finding of the run is written as SARIF 2.1.0, for code-scanning UIs that show
   * findings inline. Written on success and on failure.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPORT_FILE, defaultValue = "${project.build.directory}/stateforge-report.sarif")
  private File reportFile;

  /**
   * Where the state of the last successful build is kept (the digests of its inputs, its settings,
   * its output's file attributes and its findings): a build whose inputs and output are unchanged
   * reports those findings and stops without compiling. Deleting it only makes the next build a full one.
   * One per execution, so that two executions of the goal in one module (two spec directories into
   * two output directories) each keep their own instead of replacing each other's on every build.
   */
  @Parameter(defaultValue = "${project.build.directory}/stateforge-build-${mojoExecution.executionId}.state", readonly = true)
  private File stateFile;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    CompileReport report = run("read specs or write " + outputDirectory, "spec",
        () -> new Compiler(plugin.getVersion()).withState(stateFile == null ? null : stateFile.toPath()).build(request()));
    ReportStamp stamp = ReportStamp.of(stateFile, reportFile);
    boolean upToDate = report.writeResult().map(WriteResult::upToDate).orElse(false);
    if (upToDate && stamp != null && stamp.holds()) {
      // The state replayed the findings the report already holds: print them, write nothing.
      DiagnosticPrinter.print(report.diagnostics(), getLog());
      getLog().info("Findings report (SARIF): " + reportFile);
      DiagnosticPrinter.failIfNeeded(report.diagnostics(), failOnWarning, "; nothing was written");
    } else {
      try {
        report(report.diagnostics(), reportFile, "; nothing was written");
      } finally {
        recordStamp(stamp, report.writeResult().isPresent());
      }
    }
    report.writeResult().ifPresent(this::summarize);
  }

  /**
   * Stamps the report when this build kept its state (it wrote, or found the output current); a failed
   * build's report holds findings no state replays, so its stamp goes. A stamp that cannot be written
   * only costs the next up-to-date build a rendering of the report.
   */
  private void recordStamp(ReportStamp stamp, boolean kept) {
    if (stamp == null) {
      return;
    }
    try {
      if (kept) {
        stamp.record();
      } else {
        stamp.forget();
      }
    } catch (java.io.IOException e) {
      getLog().debug("Cannot record the report stamp: " + e.getMessage());
    }
  }

  private void summarize(WriteResult write) {
    if (write.upToDate()) {
      getLog().info("Manifests are up to date in " + relative(outputDirectory));
    } else {
      getLog().info("Wrote manifests to " + relative(outputDirectory) + ": " + write.written() + " file(s) changed, "
          + write.removed() + " removed");
    }
  }
}
