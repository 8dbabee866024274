package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.diag.InternalError;
import dev.stateforge.emit.TreeComparison;
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
 * Compiles the specs in memory and compares the result with the committed output directory,
 * writing nothing. Any difference fails the build with a short unified diff per file and the
 * command that regenerates the tree: the CI gate of a rendered-manifests repository.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  /**
   * The folder of specs, as for the generate goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SPEC_DIRECTORY, defaultValue = "${project.basedir}/src/main/stateforge")
  private File specDirectory;

  /**
   * The committed output to compare with, as for the generate goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/stateforge")
  private File outputDirectory;

  /**
   * Names of environment variables that specs may substitute, as for the generate goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VARIABLES)
  private List<String> variables;

  /**
   * The Kubernetes minor version the manifests must be valid for, as for the generate goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBERNETES_VERSION)
  private String kubernetesVersion;

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /**
   * Fail on warnings as well as errors.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_WARNING, defaultValue = "false")
  private boolean failOnWarning;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Stateforge is skipped (" + PropertyNames.SKIP + " is true)");
      return;
    }
    CompileReport report;
    List<TreeComparison.Difference> differences;
    try {
      report = new Compiler().compile(request());
      DiagnosticPrinter.print(report.diagnostics(), getLog());
      DiagnosticPrinter.failIfNeeded(report.diagnostics(), failOnWarning, "; nothing was compared");
      differences = TreeComparison.compare(report.tree(), outputDirectory.toPath());
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("Stateforge could not read specs or " + outputDirectory + ": " + e.getMessage(), e);
    } catch (InternalError e) {
      throw new MojoExecutionException("Stateforge hit an internal error; please report it with the spec that "
          + "caused it: " + e.getMessage(), e);
    }
    String where = basedir.toPath().toAbsolutePath().relativize(outputDirectory.toPath().toAbsolutePath()).toString();
    if (differences.isEmpty()) {
      getLog().info("Manifests in " + where + " match the specs (" + report.tree().files().size() + " files)");
      return;
    }
    for (TreeComparison.Difference difference : differences) {
      switch (difference.kind()) {
        case MISSING -> getLog().error(where + "/" + difference.path() + ": missing (the specs produce it)");
        case EXTRA -> getLog().error(where + "/" + difference.path() + ": no longer produced by the specs");
        case CHANGED -> {
          getLog().error(where + "/" + difference.path() + ": differs from what the specs produce");
          difference.diff().forEach(line -> getLog().error("  " + line));
        }
      }
    }
    throw new MojoFailureException(differences.size() + " file(s) in " + where + " are stale. Regenerate them with "
        + "'mvn package' (or 'mvn stateforge:generate') and commit the result.");
  }

  private CompileRequest request() {
    Map<String, String> allowed = AllowedVariables.from(variables);
    return new CompileRequest(
        basedir.toPath(), specDirectory.toPath(), outputDirectory.toPath(), allowed, failOnWarning, kubernetesVersion);
  }
}
