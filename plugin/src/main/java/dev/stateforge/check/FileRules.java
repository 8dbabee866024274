package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.FileSpec;
import dev.stateforge.spec.SecuritySpec;
import dev.stateforge.spec.VolumeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files block: placeholders that name a real peer list, mount paths no other mount uses, volume
 * names that storage does not take. A source that cannot be read and a ConfigMap too large are
 * reported where the files are read and rendered ({@code FileSources}, {@code SpecStage}).
 */
public final class FileRules implements SpecRule {
  /** Mirrors {@code ConfigFiles.VOLUME}: the pod volume of the config files' ConfigMap. */
  static final String CONFIG_VOLUME = "files";

  @Override
  public void check(AppSpec app, Reporter report) {
    if (app.files().isEmpty()) {
      return;
    }
    List<String> lists = app.cluster().peers().stream().map(ClusterSpec.Peers::variable).toList();
    for (FileSpec file : app.files()) {
      if (file.content() == null) {
        continue; // a Secret, or a source that could not be read (reported)
      }
      SpecPath path = SpecPath.of("files", file.name(), file.source() == null ? "content" : "source");
      for (FileSpec.Problem problem : FileSpec.problems(file.content(), lists)) {
        report.error(Codes.PEER_PLACEHOLDER, path, (file.source() == null ? "" : file.source() + ", ") + problem.message())
            .hint(hint(problem, lists));
      }
    }
    mountPaths(app, report);
    volumeNames(app, report);
    modes(app, report);
  }

  /**
   * A mode the container's user cannot read with. Projected files are root's; with an fsGroup the
   * kubelet gives them to that group and adds group read, so any mode reads. Without one, a non-root
   * user reads only through the bits for others (or for group 0, when it runs with that group).
   */
  private static void modes(AppSpec app, Reporter report) {
    SecuritySpec security = app.security();
    if (security.fsGroup() != null || security.runAsRoot()) {
      return;
    }
    for (FileSpec file : app.files()) {
      Integer mode = file.mode();
      boolean groupZero = Long.valueOf(0).equals(security.runAsGroup());
      if (mode == null || (mode & 04) != 0 || groupZero && (mode & 040) != 0) {
        continue;
      }
      report.warning(Codes.FILE_MODE_UNREADABLE, SpecPath.of("files", file.name(), "mode"),
              "mode " + FileSpec.octal(mode) + " lets only root" + ((mode & 070) != 0 ? " and group 0" : "")
                  + " read the file, which the kubelet writes as root, and the pod sets no security.fsGroup: "
                  + "the container runs as a non-root user and cannot read it")
          .hint("set security.fsGroup to the engine's group (the files then belong to it, with group read added), "
              + "or give others read (" + FileSpec.octal(mode | 04) + ")");
    }
  }

  private static String hint(FileSpec.Problem problem, List<String> lists) {
    String all = lists.isEmpty() ? "the app declares no cluster.peers list"
        : "lists: " + lists.stream().map(l -> "{peers:" + l + "}").collect(Collectors.joining(", "));
    if (problem.list() == null) {
      return "close it with } on the same line; " + all;
    }
    String guess = Suggestions.closest(problem.list(), lists);
    return (guess != null ? "did you mean {peers:" + guess + "}? " : "declare the list under cluster.peers; ") + all;
  }

  /** A file mounted where a volume or another file is mounted. */
  private static void mountPaths(AppSpec app, Reporter report) {
    Map<String, String> byPath = new LinkedHashMap<>();
    for (VolumeSpec volume : app.storage().volumes()) {
      byPath.putIfAbsent(volume.mountPath(), "volume \"" + volume.name() + "\"");
    }
    if (app.security().readOnlyRootFilesystem()) {
      byPath.putIfAbsent("/tmp", "the scratch /tmp of security.readOnlyRootFilesystem");
    }
    for (FileSpec file : app.files()) {
      String other = byPath.putIfAbsent(file.mountPath(), "file \"" + file.name() + "\"");
      if (other != null) {
        report.error(Codes.MOUNT_PATH_CONFLICT, SpecPath.of("files", file.name(), "mountPath"),
                other + " and file \"" + file.name() + "\" are both mounted at " + file.mountPath())
            .hint("mount each file at a path of its own; a config file's mountPath is the file's own path, "
                + "so /conf/zoo.cfg and a volume at /conf can live together");
      }
    }
  }

  /** A storage volume named like a volume of the files. */
  private static void volumeNames(AppSpec app, Reporter report) {
    for (VolumeSpec volume : app.storage().volumes()) {
      for (FileSpec file : app.files()) {
        String taken = file.isConfig() ? CONFIG_VOLUME : CONFIG_VOLUME + "-" + file.name();
        if (volume.name().equals(taken)) {
          report.error(Codes.RESERVED_VOLUME, SpecPath.of("storage", volume.name()),
                  "the pod volume " + taken + " holds " + (file.isConfig() ? "the config files" : "the Secret of file \"" + file.name() + "\""))
              .hint("name the storage volume otherwise");
          break;
        }
      }
    }
  }
}
