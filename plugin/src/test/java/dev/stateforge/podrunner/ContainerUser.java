package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a container's process is, from its securityContext over the pod's over the image's, and the
 * {@code setpriv} options that make it so: user, group, fsGroup and supplemental groups, no new
 * privileges, dropped capabilities. runAsNonRoot with a root user is refused, as the kubelet does.
 */
public record ContainerUser(int uid, int gid, List<Integer> groups, boolean noNewPrivileges, boolean dropAll, List<String> added) {

  public static ContainerUser of(JsonNode podSpec, JsonNode container, ImageStandIn image) {
    JsonNode pod = podSpec.path("securityContext");
    JsonNode own = container.path("securityContext");
    int uid = own.path("runAsUser").asInt(pod.path("runAsUser").asInt(image.uid()));
    int gid = own.path("runAsGroup").asInt(pod.path("runAsGroup").asInt(image.gid()));
    boolean nonRoot = own.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false));
    if (nonRoot && uid == 0) {
      throw new IllegalStateException("container " + container.path("name").asText() + ": runAsNonRoot is set and the image ("
          + container.path("image").asText() + ") runs as root with no runAsUser: the kubelet refuses to start it"
          + " (CreateContainerConfigError: container has runAsNonRoot and image will run as root)");
    }
    List<Integer> groups = new ArrayList<>();
    if (pod.has("fsGroup")) {
      groups.add(pod.path("fsGroup").asInt());
    }
    pod.path("supplementalGroups").forEach(g -> groups.add(g.asInt()));
    List<String> added = new ArrayList<>();
    own.at("/capabilities/add").forEach(c -> added.add(c.asText().toLowerCase().replaceFirst("^cap_", "")));
    boolean dropAll = false;
    for (JsonNode drop : own.at("/capabilities/drop")) {
      dropAll |= drop.asText().equals("ALL");
    }
    boolean noNew = own.has("allowPrivilegeEscalation") && !own.path("allowPrivilegeEscalation").asBoolean();
    return new ContainerUser(uid, gid, groups, noNew, dropAll, added);
  }

  public List<String> setpriv() {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid));
    if (groups.isEmpty()) {
      argv.add("--clear-groups");
    } else {
      argv.add("--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()));
    }
    if (dropAll) {
      StringBuilder set = new StringBuilder("-all");
      added.forEach(c -> set.append(",+").append(c));
      argv.add("--bounding-set=" + set);
      argv.add("--inh-caps=" + set);
    }
    if (noNewPrivileges) {
      argv.add("--no-new-privs");
    }
    argv.add("--");
    return argv;
  }
}
