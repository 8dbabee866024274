package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ContainerSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.VolumeSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Init containers and sidecars: a name no other container of the pod has (the main container is
 * named after the app), port numbers unique across the pod, mounts of volumes the app declares, each
 * at a path of its own (the scratch /tmp of a read-only root included), and sidecar probes that name
 * the sidecar's own ports.
 */
public final class ContainerRules implements SpecRule {
  @Override
  public void check(AppSpec app, Reporter report) {
    Map<String, String> names = new HashMap<>();
    names.put(app.name(), "the main container (named after the app)");
    Map<String, String> ports = new HashMap<>();
    app.ports().forEach(p -> ports.put(p.port() + "/" + p.protocol(), "port \"" + p.name() + "\" of the main container"));
    // Names too: the Services and the network policy name a port of the pod by its name alone.
    app.ports().forEach(p -> ports.put(p.name(), "the name of a port of the main container"));
    List<String> volumes = app.storage().volumes().stream().map(VolumeSpec::name).toList();
    boolean readOnlyRoot = app.security().readOnlyRootFilesystem();
    for (int i = 0; i < app.initContainers().size(); i++) {
      check(i, app.initContainers().get(i), names, ports, volumes, readOnlyRoot, report);
    }
    for (int i = 0; i < app.sidecars().size(); i++) {
      check(i, app.sidecars().get(i), names, ports, volumes, readOnlyRoot, report);
    }
  }

  private static void check(int index, ContainerSpec container, Map<String, String> names, Map<String, String> ports,
      List<String> volumes, boolean readOnlyRoot, Reporter report) {
    SpecPath at = SpecPath.of(container.specList()).index(index);
    String other = names.putIfAbsent(container.name(), at.toString());
    if (other != null) {
      report.error(Codes.CONTAINER_NAME_CONFLICT, at.key("name"),
              "container name \"" + container.name() + "\" is already taken by " + other)
          .hint("give every container of the pod its own name; Kubernetes rejects a pod with two containers of one name");
    }
    for (PortSpec port : container.ports()) {
      String taken = ports.putIfAbsent(port.port() + "/" + port.protocol(), "port \"" + port.name() + "\" of " + at);
      if (taken != null) {
        report.error(Codes.PORT_CONFLICT, at.key("ports").key(port.name()).key("port"),
                port.port() + "/" + port.protocol() + " is already " + taken)
            .hint("the pod's containers share one network namespace: give each port of the pod its own number");
      }
      String named = ports.putIfAbsent(port.name(), "the name of a port of " + at);
      if (named != null) {
        report.error(Codes.PORT_CONFLICT, at.key("ports").key(port.name()),
                "port name \"" + port.name() + "\" is already " + named)
            .hint("the Services and the network policy find a port of the pod by its name: give each port its own name");
      }
    }
    Map<String, String> paths = new HashMap<>();
    if (readOnlyRoot) {
      paths.put("/tmp", "tmp"); // the scratch /tmp Stateforge mounts in every container with a read-only root
    }
    for (ContainerSpec.Mount mount : container.mounts()) {
      String before = paths.putIfAbsent(mount.path(), mount.volume());
      if (before != null) {
        report.error(Codes.MOUNT_PATH_CONFLICT, at.key("mounts").key(mount.volume()).key("path"),
                "volumes \"" + before + "\" and \"" + mount.volume() + "\" are both mounted at " + mount.path() + " in "
                    + container.name())
            .hint("mount each volume at a path of its own");
      }
      if (!volumes.contains(mount.volume())) {
        String guess = Suggestions.closest(mount.volume(), volumes);
        report.error(Codes.MOUNT_VOLUME_UNKNOWN, at.key("mounts").key(mount.volume()),
                container.name() + " mounts volume \"" + mount.volume() + "\", which is not declared under storage")
            .hint(guess != null ? "did you mean \"" + guess + "\"?"
                : volumes.isEmpty() ? "declare the volume under storage (a claim, or an emptyDir for scratch space)"
                : "declared volumes: " + String.join(", ", volumes));
      }
    }
    if (container.sidecar()) {
      PodRules.checkProbes(at.key("probes"), container.probes(), container.ports().stream().map(PortSpec::name).toList(),
          report);
    }
  }
}
