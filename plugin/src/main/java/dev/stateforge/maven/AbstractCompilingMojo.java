package dev.stateforge.maven;

import dev.stateforge.CompileRequest;
import dev.stateforge.GitOpsParameters;
import java.io.File;
import java.util.List;
import java.util.Map;
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
   * the repository that Argo CD or Flux watches to commit the output; it may be the repository
   * itself. Stateforge owns the files it wrote there, which {@code .stateforge/manifest} lists
   * with their SHA-256 (commit it with them): it replaces them, and removes those it no longer
   * produces. Anything else in the folder is left alone; a symbolic link is followed.
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

  /**
   * Writes Argo CD objects that point at each environment of the output (at the top-level
   * kustomization when there are no environments) into {@code argocd/}: {@code application} for
   * one Application per environment, {@code applicationset} for one ApplicationSet with a list
   * generator, {@code none} for neither. Needs {@code repoUrl}. Apply {@code argocd/} once to the
   * cluster that runs Argo CD.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARGOCD, defaultValue = "none")
  protected String argocd;

  /**
   * Writes a Flux Kustomization per environment into {@code flux/<env>/} (into {@code flux/} when
   * there are no environments); point each cluster's Flux at the folder of its environment. It
   * reads the repository through the GitRepository named by {@code fluxSource}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FLUX, defaultValue = "false")
  protected boolean flux;

  /**
   * The name of the Argo CD and Flux objects: {@code <name>-<env>}, or {@code <name>} without
   * environments.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.GITOPS_NAME, defaultValue = "${project.artifactId}")
  protected String gitopsName;

  /**
   * The URL of the Git repository that holds the output, as Argo CD clones it. Needed for
   * {@code argocd}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPO_URL)
  protected String repoUrl;

  /**
   * Where the output directory is inside that repository, such as {@code deploy}. Unset, it is the
   * output directory's path from the nearest folder above it that holds {@code .git}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPO_PATH)
  protected String repoPath;

  /**
   * The branch, tag or commit Argo CD follows.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REVISION, defaultValue = "HEAD")
  protected String revision;

  /**
   * The namespace Argo CD runs in, where its Applications live.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARGOCD_NAMESPACE, defaultValue = "argocd")
  protected String argocdNamespace;

  /**
   * The Argo CD project of the Applications.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARGOCD_PROJECT, defaultValue = "default")
  protected String argocdProject;

  /**
   * The cluster each environment goes to, as Argo CD names its API server: {@code
   * <prod>https://prod.example:6443</prod>}. An environment not listed goes to the cluster Argo CD
   * runs in ({@code https://kubernetes.default.svc}).
   *
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> destinations;

  /**
   * The namespace Flux runs in, where its Kustomizations live.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FLUX_NAMESPACE, defaultValue = "flux-system")
  protected String fluxNamespace;

  /**
   * The Flux GitRepository that holds this repository, in {@code fluxNamespace}. {@code flux
   * bootstrap} creates one named {@code flux-system} for the repository it bootstraps.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FLUX_SOURCE, defaultValue = "flux-system")
  protected String fluxSource;

  protected CompileRequest request() {
    return new CompileRequest(basedir.toPath(), specDirectory.toPath(), outputDirectory.toPath(),
        AllowedVariables.from(variables), failOnWarning, kubernetesVersion,
        baselineDirectory == null ? null : baselineDirectory.toPath(),
        new GitOpsParameters(argocd, flux, gitopsName, repoUrl, repoPath, revision, argocdNamespace, argocdProject,
            destinations, fluxNamespace, fluxSource));
  }
}
