package dev.stateforge.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters every Stateforge goal shares, and the one-line skip message. */
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

  /** A path below the base directory, as the log names it. */
  protected String relative(File file) {
    return basedir.toPath().toAbsolutePath().relativize(file.toPath().toAbsolutePath()).toString();
  }
}
