package dev.stateforge.maven;

/** The user properties of the plugin's parameters, all under the {@code stateforge.} prefix. */
final class PropertyNames {
  static final String SPEC_DIRECTORY = "stateforge.specDirectory";
  static final String OUTPUT_DIRECTORY = "stateforge.outputDirectory";
  static final String VARIABLES = "stateforge.variables";
  static final String SKIP = "stateforge.skip";
  static final String FAIL_ON_WARNING = "stateforge.failOnWarning";
  static final String REPORT_FILE = "stateforge.reportFile";
  static final String KUBERNETES_VERSION = "stateforge.kubernetesVersion";
  static final String BASELINE_DIRECTORY = "stateforge.baselineDirectory";
  static final String VALIDATE_DIRECTORY = "stateforge.validate.directory";
  static final String ARGOCD = "stateforge.argocd";
  static final String FLUX = "stateforge.flux";
  static final String GITOPS_NAME = "stateforge.gitops.name";
  static final String REPO_URL = "stateforge.repoUrl";
  static final String REPO_PATH = "stateforge.repoPath";
  static final String REVISION = "stateforge.revision";
  static final String ARGOCD_NAMESPACE = "stateforge.argocd.namespace";
  static final String ARGOCD_PROJECT = "stateforge.argocd.project";
  static final String FLUX_NAMESPACE = "stateforge.flux.namespace";
  static final String FLUX_SOURCE = "stateforge.flux.source";

  private PropertyNames() {}
}
