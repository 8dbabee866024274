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

  /** The labels a selector matches: stable for the app's whole life. */
  public static Map<String, String> selector(AppSpec app) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, app.name());
    labels.put(INSTANCE, app.name());
    return labels;
  }

  /** The labels on every object of the app and on its pods. */
  public static Map<String, String> common(AppSpec app) {
    Map<String, String> labels = new TreeMap<>(selector(app));
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
