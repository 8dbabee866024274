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
    report(report.diagnostics(), reportFile, "; nothing was written");
    report.writeResult().ifPresent(this::summarize);
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
