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

  private PropertyNames() {}
}
