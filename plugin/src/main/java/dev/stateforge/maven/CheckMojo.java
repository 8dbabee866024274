package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.Compiler;
import dev.stateforge.emit.TreeComparison;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
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
public class CheckMojo extends AbstractCompilingMojo {

  /**
   * Where every finding of the run is written as SARIF 2.1.0, like generate's report; a stale file
   * is not a finding, and is reported in the log only. Written on success and on failure.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPORT_FILE, defaultValue = "${project.build.directory}/stateforge-check.sarif")
  private File reportFile;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    String couldNot = "read specs or " + outputDirectory;
    CompileReport report = run(couldNot, "spec", () -> new Compiler(plugin.getVersion()).compile(request()));
    report(report.diagnostics(), reportFile, "; nothing was compared");
    List<TreeComparison.Difference> differences =
        run(couldNot, "spec", () -> TreeComparison.compare(report.tree(), outputDirectory.toPath()));
    String where = relative(outputDirectory);
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
}
