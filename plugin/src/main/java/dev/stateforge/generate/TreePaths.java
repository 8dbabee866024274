package dev.stateforge.generate;

/**
 * The folders of the output tree, named in one place (the tree is drawn in {@link ProjectLayout}).
 * Every path is relative to the output directory and {@code /}-separated, on every platform.
 */
public final class TreePaths {
  /** Cluster-scoped objects that several apps may share. */
  public static final String CLUSTER = "cluster";
  public static final String KUSTOMIZATION = "kustomization.yaml";
  public static final String ARGOCD = "argocd";
  public static final String FLUX = "flux";
  /** The overlay of an app without environments that adds its components to the base. */
  static final String DEFAULT_OVERLAY = "default";

  private TreePaths() {}

  public static String base(String app) {
    return app + "/base";
  }

  public static String overlay(String app, String environment) {
    return app + "/overlays/" + environment;
  }

  public static String component(String app, String component) {
    return app + "/components/" + component;
  }

  /** Every app of the project for one environment. */
  public static String environment(String environment) {
    return "environments/" + environment;
  }

  /** A file in a folder, or at the top when {@code dir} is empty. */
  public static String file(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** The app's base as an overlay's kustomization lists it. */
  static String baseFromOverlay() {
    return "../../base";
  }

  /** A component of the app as an overlay's kustomization lists it. */
  static String componentFromOverlay(String component) {
    return "../../components/" + component;
  }

  /** A top-level folder as an environment's kustomization lists it. */
  static String fromEnvironment(String folder) {
    return "../../" + folder;
  }

  /** Whether a path is in {@code cluster/}. */
  public static boolean inCluster(String path) {
    return path.startsWith(CLUSTER + "/");
  }

  /** The first folder of a path: the app's name for an app's files, {@link #CLUSTER} for shared ones; empty at the top. */
  public static String top(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
