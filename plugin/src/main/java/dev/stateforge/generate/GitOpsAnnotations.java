package dev.stateforge.generate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Annotations that keep Argo CD and Flux from deleting objects that hold data when they disappear
 * from Git or the application is deleted. {@code Prune=false} alone does not stop deletion with
 * the Argo CD application; {@code Delete=false} does.
 */
public final class GitOpsAnnotations {
  public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
  public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

  private GitOpsAnnotations() {}

  public static Map<String, String> protectFromPrune() {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(ARGO_SYNC_OPTIONS, "Prune=false,Delete=false");
    annotations.put(FLUX_PRUNE, "disabled");
    return annotations;
  }
}
