package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.FileSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The app's files: config files rendered into one ConfigMap ({@code <name>-files}, a key per file)
 * and mounted one by one with subPath, and Secrets mounted by reference. Rendered from the app it is
 * given, so an environment's peer lists reach its files.
 *
 * <p>A change of content rolls the pods through a checksum of the ConfigMap's data on the pod
 * template, rather than a hash-named ConfigMap: the ConfigMap's name stays put, so an overlay
 * patches its data and the checksum as it patches any other field, no reference has to be renamed
 * in base and overlays alike, and a subPath mount (which never sees a ConfigMap update) is replaced
 * with the pod. An unchanged build computes the same checksum, so writes the same bytes.
 */
public final class ConfigFiles {
  /** The pod template annotation that carries {@link #checksum}. */
  public static final String CHECKSUM_ANNOTATION = "stateforge.dev/files-checksum";
  /** The most a ConfigMap holds (etcd's object limit), every config file of an app together. */
  public static final int MAX_BYTES = 1 << 20;
  /** The pod volume of the ConfigMap. */
  public static final String VOLUME = "files";

  private ConfigFiles() {}

  /** The volume of a Secret's files: {@code files-<name>}. */
  public static String secretVolume(FileSpec file) {
    return VOLUME + "-" + file.name();
  }

  public static String configMapName(AppSpec app) {
    return app.name() + "-files";
  }

  /** Each config file's name and text, {@code {peers:NAME}} replaced by this app's list. */
  public static SortedMap<String, String> data(AppSpec app) {
    SortedMap<String, String> data = new TreeMap<>();
    for (FileSpec file : app.configFiles()) {
      data.put(file.name(), FileSpec.render(file.content(), list -> peers(app, list)));
    }
    return data;
  }

  private static String peers(AppSpec app, String list) {
    for (ClusterSpec.Peers peers : app.cluster().peers()) {
      if (peers.variable().equals(list)) {
        return PeerList.value(app, peers);
      }
    }
    throw new IllegalStateException("no peer list " + list + ": FileRules reports it");
  }

  /** The UTF-8 size of every config file together, which a ConfigMap limits to 1 MiB. */
  public static long size(AppSpec app) {
    return data(app).entrySet().stream()
        .mapToLong(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length)
        .sum();
  }

  /** The ConfigMap of the config files, when the app has any. */
  public static Optional<OutputObject> configMap(AppSpec app) {
    if (app.configFiles().isEmpty()) {
      return Optional.empty();
    }
    ConfigMap map = new ConfigMapBuilder()
        .withMetadata(Metadata.forApp(app, configMapName(app)))
        .withData(data(app))
        .build();
    return Optional.of(OutputObject.of(map));
  }

  /** The pod template's annotations with the checksum added, or as they were when the app has no config file. */
  static Map<String, String> annotate(AppSpec app, Map<String, String> annotations) {
    if (app.configFiles().isEmpty()) {
      return annotations;
    }
    Map<String, String> all = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    all.put(CHECKSUM_ANNOTATION, checksum(app));
    return all;
  }

  /** SHA-256 of every key and text, each length-prefixed so that no two data sets hash alike. */
  static String checksum(AppSpec app) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : data(app).entrySet()) {
        for (String part : List.of(e.getKey(), e.getValue())) {
          byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
          digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
          digest.update(bytes);
        }
      }
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The mounts of the files: each config file at its path (subPath: its key), each Secret at its directory. */
  static List<VolumeMount> mounts(AppSpec app) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (FileSpec file : app.files()) {
      mounts.add(file.isConfig()
          ? new VolumeMountBuilder().withName(VOLUME).withMountPath(file.mountPath()).withSubPath(file.name())
              .withReadOnly(true).build()
          : new VolumeMountBuilder().withName(secretVolume(file)).withMountPath(file.mountPath()).withReadOnly(true).build());
    }
    return mounts;
  }

  /**
   * The mode a file is mounted with: the spec's, else for a secret {@link FileSpec#SECRET_MODE} when
   * the pod has an fsGroup, else none written (Kubernetes' 0644).
   */
  public static Integer mode(AppSpec app, FileSpec file) {
    if (file.mode() != null || file.isConfig()) {
      return file.mode();
    }
    return app.security().fsGroup() != null ? FileSpec.SECRET_MODE : null;
  }

  /**
   * The ConfigMap volume's items, only when a config file sets its mode (a mode is per item): then
   * every config file is listed, since items leave out the keys they do not name.
   */
  private static List<KeyToPath> configItems(AppSpec app) {
    if (app.configFiles().stream().allMatch(f -> f.mode() == null)) {
      return null;
    }
    return app.configFiles().stream().map(f -> new KeyToPath(f.name(), f.mode(), f.name())).toList();
  }

  /** The ConfigMap's volume and one volume per Secret. */
  static List<Volume> volumes(AppSpec app) {
    List<Volume> volumes = new ArrayList<>();
    if (!app.configFiles().isEmpty()) {
      volumes.add(new VolumeBuilder().withName(VOLUME)
          .withNewConfigMap().withName(configMapName(app)).withItems(configItems(app)).endConfigMap().build());
    }
    for (FileSpec file : app.files()) {
      if (!file.isConfig()) {
        List<KeyToPath> items = file.secret().items().entrySet().stream()
            .map(e -> new KeyToPath(e.getKey(), null, e.getValue()))
            .toList();
        volumes.add(new VolumeBuilder().withName(secretVolume(file))
            .withNewSecret().withSecretName(file.secret().name()).withItems(items.isEmpty() ? null : items)
            .withDefaultMode(mode(app, file)).endSecret()
            .build());
      }
    }
    return volumes;
  }
}
