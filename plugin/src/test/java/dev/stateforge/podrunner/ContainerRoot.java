package dev.stateforge.podrunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shell commands that build a container's root in its private mount namespace: a tmpfs holding
 * the host's system directories (usr, lib, etc, ...) bind-mounted read-only-in-spirit, a fresh
 * /proc, /tmp and /run, and the targets (volumes, ConfigMap files, the image stand-in's files) at
 * their real paths, so the generated paths are used unchanged. A directory of the host that holds
 * a target is "spliced": made anew in the tmpfs with its other entries bound one by one, so
 * nothing is ever created on the host's file system.
 */
public record ContainerRoot(Path root, List<RootTarget> targets) {
  private static final Set<String> SYSTEM = Set.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "var", "opt", "dev", "sys");

  public String script() {
    Set<String> spliced = new TreeSet<>(Comparator.comparingInt((String p) -> p.split("/").length).thenComparing(p -> p));
    spliced.add("/");
    Set<String> targetPaths = new TreeSet<>();
    for (RootTarget target : targets) {
      targetPaths.add(target.containerPath());
      for (Path parent = Path.of(target.containerPath()).getParent(); parent != null; parent = parent.getParent()) {
        Path host = Path.of(parent.toString());
        if (Files.isSymbolicLink(host)) {
          throw new IllegalArgumentException(target.containerPath() + ": " + host + " is a symbolic link on this machine; the runner cannot place a target under it");
        }
        if (Files.isDirectory(host) && (parent.getNameCount() == 0 || SYSTEM.contains(parent.getName(0).toString()))) {
          spliced.add(parent.toString());
        }
      }
    }
    StringBuilder sh = new StringBuilder("R=" + Shell.quote(root.toString()) + "\n");
    sh.append("mount -t tmpfs -o mode=0755 podroot \"$R\"\n");
    for (String dir : spliced) {
      sh.append("mkdir -p \"$R\"").append(Shell.quote(dir)).append('\n');
      for (Path child : children(Path.of(dir))) {
        String path = child.toString();
        if (spliced.contains(path) || targetPaths.contains(path)) {
          continue;
        }
        if (dir.equals("/") && !SYSTEM.contains(child.getFileName().toString())) {
          continue;
        }
        sh.append(replicate(child));
      }
    }
    sh.append("mkdir -p \"$R/proc\" \"$R/run\" && mount -t proc proc \"$R/proc\"\n");
    sh.append("mkdir -p -m 1777 \"$R/tmp\" && chmod 1777 \"$R/tmp\"\n");
    for (RootTarget target : targets.stream().sorted(Comparator.comparing(RootTarget::containerPath)).toList()) {
      String at = "\"$R\"" + Shell.quote(target.containerPath());
      if (target.source() == null) {
        sh.append("mkdir -p ").append(at).append(" && chown ").append(target.uid()).append(':').append(target.gid()).append(' ').append(at).append('\n');
        continue;
      }
      if (Files.isDirectory(target.source())) {
        sh.append("mkdir -p ").append(at).append('\n');
      } else {
        sh.append("mkdir -p \"$(dirname ").append(at).append(")\" && touch ").append(at).append('\n');
      }
      sh.append("mount --bind ").append(Shell.quote(target.source().toString())).append(' ').append(at).append('\n');
      if (target.readOnly()) {
        sh.append("mount -o remount,bind,ro ").append(at).append('\n');
      }
    }
    return sh.toString();
  }

  private static String replicate(Path child) {
    String at = "\"$R\"" + Shell.quote(child.toString());
    try {
      if (Files.isSymbolicLink(child)) {
        return "ln -s " + Shell.quote(Files.readSymbolicLink(child).toString()) + " " + at + "\n";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.isDirectory(child)) {
      return "mkdir " + at + " && mount --rbind " + Shell.quote(child.toString()) + " " + at + "\n";
    }
    if (Files.isRegularFile(child)) {
      return "touch " + at + " && mount --bind " + Shell.quote(child.toString()) + " " + at + "\n";
    }
    return "";
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return new ArrayList<>(list.sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
