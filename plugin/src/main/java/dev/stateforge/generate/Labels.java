package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code app.kubernetes.io/*} labels. Selectors use only the two that never change for an app
 * (name and instance): a selector is immutable, so a version in it would break every upgrade.
 */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGER = "stateforge";

  private static final Pattern LABEL_VALUE = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

  private Labels() {}

  /**
   * The labels a selector matches: stable for the app's whole life. The spec's cluster.selector when it
   * keeps the selector of a StatefulSet it takes over, else name and instance.
   */
  public static Map<String, String> selector(AppSpec app) {
    if (!app.cluster().selector().isEmpty()) {
      return new TreeMap<>(app.cluster().selector());
    }
    return standard(app);
  }

  /** The labels on the app's pods: the common ones, and the selector's, which win where they share a key. */
  public static Map<String, String> pod(AppSpec app) {
    Map<String, String> labels = new TreeMap<>(common(app));
    labels.putAll(selector(app));
    return labels;
  }

  /** Whether a selector of the app would select pods that carry these labels. */
  public static boolean selects(AppSpec app, Map<String, String> labels) {
    return labels.entrySet().containsAll(selector(app).entrySet());
  }

  /**
   * Name and instance: the default selector, and the labels of claim templates even when the spec
   * keeps another selector, because the snapshot scripts find an app's claims by them.
   */
  static Map<String, String> standard(AppSpec app) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, app.name());
    labels.put(INSTANCE, app.name());
    return labels;
  }

  /** The labels on every object of the app. */
  public static Map<String, String> common(AppSpec app) {
    Map<String, String> labels = new TreeMap<>(standard(app));
    labels.put(MANAGED_BY, MANAGER);
    String version = imageTag(app.image());
    if (version != null && LABEL_VALUE.matcher(version).matches()) {
      labels.put(VERSION, version);
    }
    return labels;
  }

  /** Labels for cluster-scoped objects that several apps may share. */
  public static Map<String, String> shared() {
    return new TreeMap<>(Map.of(MANAGED_BY, MANAGER));
  }

  /** The tag of an image reference, or null for a digest or an untagged image. */
  static String imageTag(String image) {
    if (image.contains("@")) {
      return null;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : null;
  }
}
