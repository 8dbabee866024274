package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's volumes as directories of this machine: a claim of a volumeClaimTemplate is
 * {@code claims/<template>-<pod>} and outlives the pod, as a PersistentVolumeClaim does; an
 * emptyDir lives as long as the pod; ConfigMap and Secret volumes are files written from the built
 * ConfigMaps and the test's Secret values (items, modes). With a pod {@code fsGroup}, claims and
 * emptyDirs get that group, setgid and group write, as the kubelet does.
 */
public record PodVolumes(Path claims, Path podDir, PodEnv env) {

  public Map<String, Path> make(JsonNode podSpec, JsonNode claimTemplates, String podName) throws IOException {
    Map<String, Path> volumes = new LinkedHashMap<>();
    int fsGroup = podSpec.at("/securityContext/fsGroup").asInt(-1);
    for (JsonNode template : claimTemplates) {
      String name = template.at("/metadata/name").asText();
      Path dir = Files.createDirectories(claims.resolve(name + "-" + podName));
      own(dir, fsGroup, "rwxr-xr-x");
      volumes.put(name, dir);
    }
    for (JsonNode volume : podSpec.path("volumes")) {
      String name = volume.path("name").asText();
      Path dir = podDir.resolve("volumes").resolve(name);
      if (volume.has("emptyDir")) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      } else if (volume.has("configMap")) {
        JsonNode source = volume.path("configMap");
        writeFiles(dir, env.configMap(source.path("name").asText(), source.path("optional").asBoolean()), source, fsGroup);
      } else if (volume.has("secret")) {
        JsonNode source = volume.path("secret");
        writeFiles(dir, env.secret(source.path("secretName").asText(), source.path("optional").asBoolean()), source, fsGroup);
      } else if (volume.has("persistentVolumeClaim")) {
        dir = Files.createDirectories(claims.resolve(volume.at("/persistentVolumeClaim/claimName").asText()));
      } else {
        throw new IllegalArgumentException("volume " + name + ": the pod runner supports emptyDir, configMap, secret and claims, not " + volume);
      }
      volumes.put(name, dir);
    }
    return volumes;
  }

  /** The files of a ConfigMap or Secret volume: every key, or the items; modes as the kubelet sets them. */
  private static void writeFiles(Path dir, Map<String, String> data, JsonNode source, int fsGroup) throws IOException {
    Files.createDirectories(dir);
    int defaultMode = source.path("defaultMode").asInt(0644);
    Map<String, String[]> files = new LinkedHashMap<>();
    if (source.has("items")) {
      for (JsonNode item : source.path("items")) {
        String key = item.path("key").asText();
        if (!data.containsKey(key)) {
          throw new IllegalStateException("volume item " + key + " is not a key of its ConfigMap or Secret");
        }
        files.put(item.path("path").asText(), new String[] {data.get(key), String.valueOf(item.path("mode").asInt(defaultMode))});
      }
    } else {
      data.forEach((key, value) -> files.put(key, new String[] {value, String.valueOf(defaultMode)}));
    }
    for (var file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue()[0], StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(path, permissions(Integer.parseInt(file.getValue()[1])));
      if (fsGroup >= 0) {
        Files.setAttribute(path, "unix:gid", fsGroup);
      }
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void own(Path dir, int fsGroup, String mode) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
    if (fsGroup >= 0) {
      Files.setAttribute(dir, "unix:gid", fsGroup);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
      Shell.check("chmod", "g+s", dir.toString());
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }

  /** Where a volumeMount's source is on this machine: the volume's directory, or its subPath (made when missing, as the kubelet does). */
  public static Path source(Map<String, Path> volumes, JsonNode mount, Map<String, String> containerEnv) throws IOException {
    String name = mount.path("name").asText();
    Path volume = volumes.get(name);
    if (volume == null) {
      throw new IllegalArgumentException("volumeMount " + name + " names no volume of the pod");
    }
    String subPath = mount.has("subPathExpr") ? Expansion.expand(mount.path("subPathExpr").asText(), containerEnv) : mount.path("subPath").asText();
    if (subPath.isEmpty()) {
      return volume;
    }
    Path source = volume.resolve(subPath).normalize();
    if (!source.startsWith(volume)) {
      throw new IllegalArgumentException("subPath " + subPath + " leaves its volume");
    }
    if (!Files.exists(source)) {
      Files.createDirectories(source);
    }
    return source;
  }

}
