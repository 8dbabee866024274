package dev.stateforge.podrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pod-runner scenario needs on this machine: root (for namespaces and mounts), the tools of
 * iproute2 and util-linux, kubectl, and the engine's files from Debian's packages. Missing, the
 * scenario is skipped, or fails when STATEFORGE_REQUIRE_ENGINES is set (as .ci/run sets it).
 */
public final class Engines {
  private Engines() {}

  public static void require(ImageStandIn... images) {
    require(List.of(), images);
  }

  /** As {@link #require(ImageStandIn...)}, with host tools the scenario needs besides (nft, ...). */
  public static void require(List<String> tools, ImageStandIn... images) {
    List<String> missing = new ArrayList<>();
    List<String> needed = new ArrayList<>(List.of("ip", "unshare", "setpriv", "nsenter", "chroot", "kubectl"));
    needed.addAll(tools);
    for (String tool : needed) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    for (ImageStandIn image : images) {
      image.tools().stream().filter(p -> !Files.isExecutable(p) && !Files.isRegularFile(p)).forEach(p -> missing.add(p.toString()));
    }
    if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
      missing.add("root (network namespaces and mounts)");
    }
    if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
      assertThat(missing).as("what the pod runner needs (STATEFORGE_REQUIRE_ENGINES is set, as .ci/run sets it)").isEmpty();
    }
    assumeTrue(missing.isEmpty(), "the pod runner needs " + missing);
  }

  public static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }
}
