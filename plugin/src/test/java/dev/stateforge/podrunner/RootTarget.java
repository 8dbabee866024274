package dev.stateforge.podrunner;

import java.nio.file.Path;

/**
 * One path of a container's root that is not the host's: a host file or directory bind-mounted there
 * (a volume, a file of the image stand-in), or an empty directory of the image owned by its user.
 */
public record RootTarget(String containerPath, Path source, boolean readOnly, int uid, int gid) {

  public static RootTarget bind(String containerPath, Path source, boolean readOnly) {
    return new RootTarget(containerPath, source, readOnly, -1, -1);
  }

  public static RootTarget imageDir(String containerPath, int uid, int gid) {
    return new RootTarget(containerPath, null, false, uid, gid);
  }
}
