package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running container: {@code ip netns exec <pod's namespace> unshare --mount --uts --pid --fork
 * --kill-child sh <script>}, where the script builds the container's root ({@link ContainerRoot}),
 * sets the pod's hostname and starts, chrooted, the program as the container's user, staying as the
 * namespace's init. unshare gets SIGKILL when the test's JVM dies (setpriv --pdeathsig), the shell
 * when unshare dies (--kill-child), and everything in the pid namespace with the shell.
 */
public final class ContainerProcess {
  private final String name;
  private final Process process;
  private final Map<String, String> env;
  private final ContainerUser user;
  private final Path log;
  private final ImageStandIn image;

  private ContainerProcess(String name, Process process, Map<String, String> env, ContainerUser user, Path log, ImageStandIn image) {
    this.image = image;
    this.name = name;
    this.process = process;
    this.env = env;
    this.user = user;
    this.log = log;
  }

  public record Setup(String podName, String netns, Path podDir, JsonNode podSpec, Map<String, Path> volumes, Path hosts) {}

  public static ContainerProcess start(Setup pod, JsonNode container, Map<String, String> containerEnv, ImageStandIn image) throws IOException {
    String name = container.path("name").asText();
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(Expansion.expand(c.asText(), containerEnv)));
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(Expansion.expand(a.asText(), containerEnv)));
    List<String> argv = image.argv(command, args, container.has("args"));
    ContainerUser user = ContainerUser.of(pod.podSpec(), container, image);

    Map<String, String> env = new LinkedHashMap<>(image.env());
    env.put("HOSTNAME", pod.podName());
    env.putAll(containerEnv);

    Path dir = Files.createDirectories(pod.podDir().resolve(name));
    List<RootTarget> targets = new ArrayList<>();
    image.dirs().forEach((path, owner) -> targets.add(RootTarget.imageDir(path, owner, owner)));
    String workingDir = container.path("workingDir").asText(image.workingDir());
    targets.add(RootTarget.imageDir(workingDir, 0, 0));
    image.binaries().forEach((path, host) -> targets.add(RootTarget.bind(path, host, true)));
    for (var script : image.scripts().entrySet()) {
      Path file = dir.resolve("image").resolve(script.getKey().substring(1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, script.getValue());
      Files.setPosixFilePermissions(file, PodVolumes.permissions(0755));
      targets.add(RootTarget.bind(script.getKey(), file, true));
    }
    targets.add(RootTarget.bind("/etc/hosts", pod.hosts(), false));
    for (JsonNode mount : container.path("volumeMounts")) {
      targets.add(RootTarget.bind(mount.path("mountPath").asText(), PodVolumes.source(pod.volumes(), mount, containerEnv),
          mount.path("readOnly").asBoolean()));
    }
    Path root = Files.createDirectories(dir.resolve("root"));
    List<String> exec = new ArrayList<>(List.of("/usr/sbin/chroot", root.toString()));
    exec.addAll(user.setpriv());
    exec.addAll(List.of("/usr/bin/env", "-C", workingDir));
    exec.addAll(argv);
    String script = "set -e\nCONTAINER_PATH=\"$PATH\"\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
        + "echo " + Shell.quote(pod.podName()) + " > /proc/sys/kernel/hostname\n"
        + new ContainerRoot(root, targets).script()
        + "export PATH=\"$CONTAINER_PATH\"\n"
        // The shell stays as the pid namespace's init, root and with its parent-death signal (which a
        // change of user clears), as docker --init does: it forwards SIGTERM, and when it dies the
        // kernel kills everything else in the namespace.
        + Shell.quote(exec) + " &\nchild=$!\ntrap 'kill -TERM $child 2>/dev/null' TERM INT\n"
        + "status=0\nwhile kill -0 $child 2>/dev/null; do wait $child; status=$?; done\nexit $status\n";
    Path scriptFile = Files.writeString(dir.resolve("start.sh"), script);

    Path log = pod.podDir().resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/setpriv", "--pdeathsig", "KILL", "/usr/sbin/ip", "netns", "exec", pod.netns(),
        "/usr/bin/unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child", "/bin/sh", scriptFile.toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    process.getOutputStream().close();
    return new ContainerProcess(name, process, env, user, log, image);
  }

  public String name() {
    return name;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public ImageStandIn image() {
    return image;
  }

  public Path log() {
    return log;
  }

  /** Waits for a run-to-completion container (an init container) and gives its exit code, -1 on timeout. */
  public int await(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      stop(0);
      return -1;
    }
    return process.exitValue();
  }

  /** The init of the container's pid namespace (the script's shell), as this machine numbers it. */
  Optional<ProcessHandle> init() {
    return process.toHandle().children().findFirst();
  }

  /** The container's program (the shell's child, in the container's root). */
  Optional<ProcessHandle> program() {
    return init().flatMap(sh -> sh.children().findFirst());
  }

  /** Runs a command in the container (exec probes, a test's client), as its user, with its env. */
  public Shell.Result exec(List<String> command, int timeoutSeconds) {
    Optional<ProcessHandle> init = program();
    if (init.isEmpty()) {
      return new Shell.Result(-1, "container " + name + " is not running");
    }
    List<String> argv = new ArrayList<>(List.of("/usr/bin/nsenter", "--target", String.valueOf(init.get().pid()),
        "--mount", "--uts", "--net", "--pid", "--root", "--wd"));
    argv.addAll(user.setpriv());
    argv.addAll(command);
    try {
      ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
      builder.environment().clear();
      builder.environment().putAll(env);
      Process exec = builder.start();
      exec.getOutputStream().close();
      if (!exec.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        exec.descendants().forEach(ProcessHandle::destroyForcibly);
        exec.destroyForcibly().waitFor();
        return new Shell.Result(-1, "timed out after " + timeoutSeconds + " s");
      }
      return new Shell.Result(exec.exitValue(), new String(exec.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Shell.Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Shell.Result(-1, "interrupted");
    }
  }

  /** SIGTERM to the container's program (forwarded by its init), SIGKILL to all of it after the grace period. */
  public void stop(int graceSeconds) throws InterruptedException {
    if (graceSeconds > 0) {
      init().ifPresent(ProcessHandle::destroy);
      process.waitFor(graceSeconds, TimeUnit.SECONDS);
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
