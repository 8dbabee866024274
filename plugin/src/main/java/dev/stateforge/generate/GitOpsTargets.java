package dev.stateforge.generate;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The GitOps objects to write beside the output, one per environment: Argo CD Applications (or one
 * ApplicationSet) and Flux Kustomizations that point at {@code environments/<env>} in the
 * repository. They are the entry points a cluster's Argo CD or Flux is given once; the output
 * itself never includes them.
 *
 * @param name prefix of the objects' names ({@code <name>-<env>})
 * @param repoPath where the output directory is inside the repository, {@code /}-separated, empty
 *     for the repository's root
 * @param argoCd null when no Argo CD objects are wanted
 * @param flux null when no Flux objects are wanted
 */
public record GitOpsTargets(String name, String repoPath, ArgoCd argoCd, Flux flux) {
  public static final GitOpsTargets NONE = new GitOpsTargets("stateforge", "", null, null);

  public GitOpsTargets {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repoPath, "repoPath");
  }

  public boolean any() {
    return argoCd != null || flux != null;
  }

  /**
   * @param applicationSet one ApplicationSet with a list generator instead of an Application per environment
   * @param repoUrl the Git repository Argo CD clones
   * @param revision branch, tag or commit Argo CD follows
   * @param destinations the cluster API server for each environment; others go to {@link #IN_CLUSTER}
   */
  public record ArgoCd(
      boolean applicationSet, String repoUrl, String revision, String namespace, String project,
      SortedMap<String, String> destinations) {
    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    public ArgoCd {
      destinations = new TreeMap<>(destinations);
    }

    /** The API server of an environment's cluster; null (no environments) goes in-cluster. */
    public String destination(String environment) {
      return environment == null ? IN_CLUSTER : destinations.getOrDefault(environment, IN_CLUSTER);
    }
  }

  /**
   * @param namespace where the Kustomization objects live (Flux's own namespace)
   * @param source the name of the GitRepository that holds this repository, in that namespace
   */
  public record Flux(String namespace, String source) {}
}
