package dev.stateforge.maven;

import dev.stateforge.CompileReport;
import dev.stateforge.Compiler;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.emit.TreeComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compiles the specs in memory and compares the result with the committed output directory,
 * writing nothing. Any difference fails the build with a short unified diff per file and the
 * command that regenerates the tree: the CI gate of a rendered-manifests repository.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractCompilingMojo {

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    CompileReport report;
    List<TreeComparison.Difference> differences;
    try {
      report = new Compiler(plugin.getVersion()).compile(request());
      DiagnosticPrinter.print(report.diagnostics(), getLog());
      DiagnosticPrinter.failIfNeeded(report.diagnostics(), failOnWarning, "; nothing was compared");
      differences = TreeComparison.compare(report.tree(), outputDirectory.toPath());
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("Stateforge could not read specs or " + outputDirectory + ": " + e.getMessage(), e);
    } catch (StateforgeBug e) {
      throw new MojoExecutionException("Stateforge hit an internal error; please report it with the spec that "
          + "caused it: " + e.getMessage(), e);
    }
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
