package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.diag.InternalError;
import dev.stateforge.emit.FileSystemOutputTree.WriteResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
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
public class GenerateMojo extends AbstractMojo {

  /** The project base directory: spec includes may not leave it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  /**
   * The folder of specs: each {@code *.conf} (HOCON) or {@code *.json} file directly inside it
   * defines one app. Put fragments that specs include in a subfolder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SPEC_DIRECTORY, defaultValue = "${project.basedir}/src/main/stateforge")
  private File specDirectory;

  /**
   * Where the kustomize tree is written. Point it into the repository that Argo CD or Flux watches
   * to commit the output. Stateforge owns this folder: files it no longer produces are removed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/stateforge")
  private File outputDirectory;

  /**
   * Names of environment variables that specs may substitute with <code>${NAME}</code>. No other part of
   * the environment is visible to specs, so a build gives the same output on any machine unless a
   * variable is allowed here.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VARIABLES)
  private List<String> variables;

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /**
   * Fail the build on warnings as well as errors.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_WARNING, defaultValue = "false")
  private boolean failOnWarning;

  /**
   * Where every finding of the run is written as SARIF 2.1.0, for code-scanning UIs that show
   * findings inline. Written on success and on failure.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPORT_FILE, defaultValue = "${project.build.directory}/stateforge-report.sarif")
  private File reportFile;

  /**
   * The Kubernetes minor version the manifests must be valid for, such as {@code 1.33}: every
   * object is checked against that version's strict schema. Unset means the newest supported one.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBERNETES_VERSION)
  private String kubernetesVersion;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Stateforge is skipped (" + PropertyNames.SKIP + " is true)");
      return;
    }
    CompileReport report;
    try {
      report = new Compiler().build(request());
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("Stateforge could not read specs or write " + outputDirectory + ": " + e.getMessage(), e);
    } catch (InternalError e) {
      throw new MojoExecutionException("Stateforge hit an internal error; please report it with the spec that "
          + "caused it: " + e.getMessage(), e);
    }
    DiagnosticPrinter.print(report.diagnostics(), getLog());
    DiagnosticPrinter.writeReport(report.diagnostics(), reportFile, plugin.getVersion(), getLog());
    DiagnosticPrinter.failIfNeeded(report.diagnostics(), failOnWarning, "; nothing was written");
    report.writeResult().ifPresent(this::summarize);
  }

  private CompileRequest request() {
    Map<String, String> allowed = AllowedVariables.from(variables);
    return new CompileRequest(
        basedir.toPath(), specDirectory.toPath(), outputDirectory.toPath(), allowed, failOnWarning, kubernetesVersion);
  }

  private void summarize(WriteResult write) {
    String where = basedir.toPath().toAbsolutePath().relativize(outputDirectory.toPath().toAbsolutePath()).toString();
    if (write.upToDate()) {
      getLog().info("Manifests are up to date in " + where);
    } else {
      getLog().info("Wrote manifests to " + where + ": " + write.written() + " file(s) changed, "
          + write.removed() + " removed");
    }
  }
}
