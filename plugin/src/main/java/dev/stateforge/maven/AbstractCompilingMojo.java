package dev.stateforge.maven;

import dev.stateforge.CompileRequest;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** Goals that compile specs: where they are, where the tree goes, and what they may substitute. */
abstract class AbstractCompilingMojo extends AbstractStateforgeMojo {
  /**
   * The folder of specs: each {@code *.conf} (HOCON) or {@code *.json} file directly inside it
   * defines one app. Put fragments that specs include in a subfolder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SPEC_DIRECTORY, defaultValue = "${project.basedir}/src/main/stateforge")
  protected File specDirectory;

  /**
   * Where the kustomize tree is written (and, for check, what it is compared with). Point it into
   * the repository that Argo CD or Flux watches to commit the output. Stateforge owns this folder:
   * files it no longer produces are removed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/stateforge")
  protected File outputDirectory;

  /**
   * Names of environment variables that specs may substitute with <code>${NAME}</code>. No other part of
   * the environment is visible to specs, so a build gives the same output on any machine unless a
   * variable is allowed here.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VARIABLES)
  protected List<String> variables;

  /**
   * The previous output the data-safety guard compares the new one with, to stop changes that
   * would lose data or wedge a sync (immutable fields, volume shrinks, removed apps). Unset means
   * the output directory itself, which is right when the output is committed; point it at a
   * checkout of the deployed tree when the output goes elsewhere.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.BASELINE_DIRECTORY)
  protected File baselineDirectory;

  protected CompileRequest request() {
    return new CompileRequest(basedir.toPath(), specDirectory.toPath(), outputDirectory.toPath(),
        AllowedVariables.from(variables), failOnWarning, kubernetesVersion,
        baselineDirectory == null ? null : baselineDirectory.toPath());
  }
}
