package dev.stateforge;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to compile, with every Maven parameter already mapped.
 *
 * @param projectDirectory spec includes may not leave it; diagnostics name files relative to it
 * @param specDirectory every {@code *.conf} and {@code *.json} directly inside is one app
 * @param outputDirectory where the kustomize tree goes
 * @param variables the only outside values {@code ${NAME}} may take, by name
 * @param failOnWarning treat warnings like errors: nothing is written when there is one
 * @param kubernetesVersion the Kubernetes minor the output must be valid for ({@code 1.33}), or null
 *     for the newest supported one
 * @param baselineDirectory the previous output the data-safety guard compares with, or null for
 *     the output directory itself
 * @param gitops the Argo CD and Flux objects to write beside the output
 */
public record CompileRequest(
    Path projectDirectory,
    Path specDirectory,
    Path outputDirectory,
    Map<String, String> variables,
    boolean failOnWarning,
    String kubernetesVersion,
    Path baselineDirectory,
    GitOpsParameters gitops) {

  public CompileRequest(Path projectDirectory, Path specDirectory, Path outputDirectory, Map<String, String> variables) {
    this(projectDirectory, specDirectory, outputDirectory, variables, false, null, null, GitOpsParameters.NONE);
  }

  public CompileRequest(
      Path projectDirectory, Path specDirectory, Path outputDirectory, Map<String, String> variables, boolean failOnWarning) {
    this(projectDirectory, specDirectory, outputDirectory, variables, failOnWarning, null, null, GitOpsParameters.NONE);
  }

  public CompileRequest(
      Path projectDirectory, Path specDirectory, Path outputDirectory, Map<String, String> variables, boolean failOnWarning,
      String kubernetesVersion) {
    this(projectDirectory, specDirectory, outputDirectory, variables, failOnWarning, kubernetesVersion, null, GitOpsParameters.NONE);
  }

  /** Where the previous output is: the baseline if one is given, else the output directory. */
  public Path previousOutput() {
    return baselineDirectory != null ? baselineDirectory : outputDirectory;
  }

  public CompileRequest {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(specDirectory, "specDirectory");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    variables = Map.copyOf(variables);
    gitops = gitops == null ? GitOpsParameters.NONE : gitops;
  }
}
