package dev.stateforge.podrunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the runner puts in place of a container image: the image's entrypoint, cmd, env, user and
 * working directory as its Dockerfile declares them, and the files that make its program the same
 * engine from Debian's packages (host binaries bound at the image's paths, or small scripts doing
 * what the image's entrypoint does). Everything else of the container comes from the pod spec.
 *
 * @param imagePrefix images this stands in for, e.g. {@code zookeeper:}
 * @param binaries container path of a program of the image, and the host's program bound there
 * @param scripts container path of a script of the image, and the text the runner writes there
 * @param dirs directories the image has, empty, and the uid (and gid) owning each
 * @param tools programs that must be on this machine (Debian packages) for the stand-in to run
 * @param httpPaths HTTP probe paths of the image's engine that Debian's older version serves under
 *     another path (a known version gap, said where the stand-in is defined)
 */
public record ImageStandIn(String imagePrefix, List<String> entrypoint, List<String> cmd, Map<String, String> env,
    int uid, int gid, String workingDir, Map<String, Path> binaries, Map<String, String> scripts, Map<String, Integer> dirs,
    List<Path> tools, Map<String, String> httpPaths) {

  /** The same stand-in for an image published under another name (the same build pushed to two registries). */
  public ImageStandIn forImage(String otherPrefix) {
    return new ImageStandIn(otherPrefix, entrypoint, cmd, env, uid, gid, workingDir, binaries, scripts, dirs, tools, httpPaths);
  }

  public boolean standsInFor(String image) {
    return image.startsWith(imagePrefix);
  }

  /** Docker's rule: command replaces the entrypoint (and drops cmd), args replace cmd. */
  public List<String> argv(List<String> command, List<String> args, boolean hasArgs) {
    List<String> program = new java.util.ArrayList<>(command.isEmpty() ? entrypoint : command);
    if (hasArgs) {
      program.addAll(args);
    } else if (command.isEmpty()) {
      program.addAll(cmd);
    }
    return program;
  }
}
