package dev.stateforge.maven;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.StateforgeBug;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters every Stateforge goal shares, and the one way every goal ends: I/O failures and
 * internal errors become a MojoExecutionException, findings are printed, written as SARIF, and
 * fail the build by severity.
 */
abstract class AbstractStateforgeMojo extends AbstractMojo {

  /** The project base directory: files are named relative to it, and includes may not leave it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  protected File basedir;

  /**
   * The Kubernetes minor version the manifests must be valid for, such as {@code 1.33}: every
   * object is checked against that version's strict schema. Unset means the newest supported one.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBERNETES_VERSION)
  protected String kubernetesVersion;

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * Fail the build on warnings as well as errors.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_WARNING, defaultValue = "false")
  protected boolean failOnWarning;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  /** True, after logging why, when the goal is skipped. */
  protected boolean skipped() {
    if (skip) {
      getLog().info("Stateforge is skipped (" + PropertyNames.SKIP + " is true)");
    }
    return skip;
  }

  /** A goal's work, which may fail on I/O. */
  @FunctionalInterface
  protected interface Work<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code work}: a failed read or write is reported as what could not be done ({@code
   * "read " + dir}); a {@link StateforgeBug} asks for a report with the {@code input} that caused it.
   */
  protected <T> T run(String couldNot, String input, Work<T> work) throws MojoExecutionException {
    try {
      return work.run();
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("Stateforge could not " + couldNot + ": " + e.getMessage(), e);
    } catch (StateforgeBug e) {
      throw new MojoExecutionException("Stateforge hit an internal error; please report it with the " + input
          + " that caused it: " + e.getMessage(), e);
    }
  }

  /**
   * Prints the findings, writes them to {@code reportFile} as SARIF (on success and on failure),
   * and fails on an error, or on a warning with {@code failOnWarning}.
   *
   * @param outcome what the failure message adds, such as {@code "; nothing was written"}
   */
  protected void report(List<Diagnostic> diagnostics, File reportFile, String outcome) throws MojoFailureException {
    DiagnosticPrinter.print(diagnostics, getLog());
    DiagnosticPrinter.writeReport(diagnostics, reportFile, plugin.getVersion(), getLog());
    DiagnosticPrinter.failIfNeeded(diagnostics, failOnWarning, outcome);
  }

  /** A path below the base directory, as the log names it. */
  protected String relative(File file) {
    return basedir.toPath().toAbsolutePath().relativize(file.toPath().toAbsolutePath()).toString();
  }
}
