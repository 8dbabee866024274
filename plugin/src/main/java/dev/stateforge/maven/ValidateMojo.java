package dev.stateforge.maven;

import dev.stateforge.verify.ManifestValidator;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks a folder of Kubernetes YAML that Stateforge did not write (hand-written manifests kept
 * beside generated ones, or a whole rendered repository) with the same policy rules as generated
 * output: every document of every {@code *.yaml} and {@code *.yml} file, duplicate keys and objects,
 * unknown kinds, each finding with its file and line. A finding is acknowledged on the object with
 * the annotation {@code acknowledge.stateforge.dev/<rule-id>: "reason"}.
 *
 * @since 0.1.0
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends AbstractStateforgeMojo {

  /**
   * The folder to check, recursively.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VALIDATE_DIRECTORY, defaultValue = "${project.basedir}/deploy")
  private File directory;

  /**
   * Where every finding is written as SARIF 2.1.0.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPORT_FILE, defaultValue = "${project.build.directory}/stateforge-validate.sarif")
  private File reportFile;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped()) {
      return;
    }
    ManifestValidator.Result result = run("read " + directory, "file",
        () -> new ManifestValidator(basedir.toPath(), kubernetesVersion).validate(directory.toPath()));
    getLog().info("Validated " + result.objects() + " object(s) in " + result.files() + " file(s) under " + directory);
    report(result.diagnostics(), reportFile, "");
  }
}
