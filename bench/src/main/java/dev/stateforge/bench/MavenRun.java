package dev.stateforge.bench;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What users feel: real {@code mvn -o -q package} processes over generated user projects (the
 * archetype's shape: packaging pom, the generate goal, output in {@code deploy/}), each figure the
 * minimum of N runs minus the Maven floor ({@code mvn -o -q validate} of the same project); and,
 * beside them, the same builds in this process (the compiler facade, cold and warm).
 *
 * <p>The plugin is installed from the worktree into a bench-private local repository (under
 * {@code bench/target/}), chained in front of {@code ~/.m2/repository} with Maven 3.9's
 * {@code maven.repo.local.tail}, so nothing is written to {@code ~/.m2}. A measurement, never a
 * test: it exits 2 only when a build fails or the output is wrong.
 *
 * <pre>
 * usage: MavenRun [--apps 1,1000] [--with-10000] [--runs N] [--dir PATH] [--no-install] [--no-in-process] [--jvm-config]
 * </pre>
 *
 * <p>With {@code --jvm-config} each project is measured a second time with the archetype's
 * {@code .mvn/jvm.config} (what a project made from the archetype runs with), and both are printed.
 */
public final class MavenRun {
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final String CHANGED_FROM = "image = \"postgres:16.0\"";
  private static final String CHANGED_TO = "image = \"postgres:17.0\"";

  record Options(List<Integer> apps, int runs, Path dir, boolean install, boolean inProcess, Path root, boolean jvmConfig) {
    static Options parse(String[] args) {
      List<Integer> apps = new ArrayList<>(List.of(1, 1_000));
      int runs = 3;
      Path dir = null;
      boolean install = true;
      boolean inProcess = true;
      Path root = null;
      boolean jvmConfig = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--apps" -> apps = Stream.of(args[++i].split(",")).map(String::strip).map(Integer::parseInt).toList();
          case "--with-10000" -> {
            apps = new ArrayList<>(apps);
            apps.add(10_000);
          }
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--dir" -> dir = Path.of(args[++i]);
          case "--no-install" -> install = false;
          case "--no-in-process" -> inProcess = false;
          case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
          case "--jvm-config" -> jvmConfig = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: MavenRun [--apps 1,1000]"
              + " [--with-10000] [--runs N] [--dir PATH] [--no-install] [--no-in-process] [--root TREE] [--jvm-config]");
        }
      }
      if (Boolean.getBoolean("bench.tenThousand") && !apps.contains(10_000)) {
        apps = new ArrayList<>(apps);
        apps.add(10_000);
      }
      return new Options(apps, runs, dir, install, inProcess, root, jvmConfig);
    }
  }

  /** One project's figures, in ms (wall clock of the whole process); {@code jvm} names the JVM options, "" for none. */
  record Figures(int apps, String jvm, long floor, long clean, long noop, long changed, int noopTouched, int changedTouched,
      String heap, long inColdClean, long inWarmClean, long inNoop, long inChanged,
      long floorCpu, long cleanCpu, long noopCpu, long changedCpu) {}

  private final Path root;
  private final Path mvn;
  private final Path repo;
  private final Path work;
  private final int runs;
  /** The archetype's .mvn/jvm.config, written into each project for the second measurement. */
  private final Path archetypeJvmConfig;

  private MavenRun(Path root, Path work, int runs) {
    this.root = root;
    this.mvn = root.resolve("mvnw");
    this.work = work;
    this.repo = work.resolve("repo");
    this.runs = runs;
    this.archetypeJvmConfig = root.resolve("archetype/src/main/resources/archetype-resources/.mvn/jvm.config");
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // --root: install the plugin of another tree (an export of main, for the "before" figures)
    Path root = options.root() != null ? options.root() : worktreeRoot();
    Path work = options.dir() != null ? options.dir().toAbsolutePath() : root.resolve("bench/target/mvn-bench");
    MavenRun run = new MavenRun(root, work, options.runs());
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; load before: " + load());
    if (options.install()) {
      run.installPlugin();
    }
    List<Figures> all = new ArrayList<>();
    for (int apps : options.apps()) {
      all.add(run.measure(apps, options.inProcess(), null));
      print(all);
      if (options.jvmConfig()) {
        all.add(run.measure(apps, false, run.archetypeJvmConfig));
        print(all);
      }
    }
    System.out.println("load after: " + load());
  }

  /** The worktree's root: the folder above the working directory that holds mvnw and the bench module. */
  private static Path worktreeRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("bench"))) {
        return dir;
      }
    }
    throw new IllegalStateException("run from inside the Stateforge worktree (no mvnw above " + Path.of("").toAbsolutePath() + ")");
  }

  private List<String> mavenArgs(String... goals) {
    List<String> cmd = new ArrayList<>(List.of(mvn.toString(), "-B", "-o", "-q",
        "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository")));
    cmd.addAll(List.of(goals));
    return cmd;
  }

  /** The plugin as the worktree builds it, into the private repository only. */
  private void installPlugin() throws IOException, InterruptedException {
    System.out.println("installing the worktree's plugin into " + repo + " …");
    Files.createDirectories(work);
    List<String> cmd = mavenArgs("install", "-DskipTests", "-Dinvoker.skip=true", "-pl", ".,schema,plugin");
    long ms = exec(root, cmd, work.resolve("install.log"), Map.of());
    System.out.println("  installed in " + ms + " ms");
  }

  /**
   * @param jvmConfig a {@code .mvn/jvm.config} to copy into the project (Maven reads the nearest
   *     {@code .mvn} above the working directory), or null for none: then Maven finds this tree's own
   *     {@code .mvn}, which has no jvm.config
   */
  private Figures measure(int apps, boolean inProcess, Path jvmConfig) throws IOException, InterruptedException {
    Path project = work.resolve("apps-" + apps);
    deleteTree(project);
    Files.createDirectories(project);
    Files.writeString(project.resolve("pom.xml"), pom(apps), StandardCharsets.UTF_8);
    SyntheticProject.write(project, apps);
    String jvm = "";
    if (jvmConfig != null) {
      jvm = Files.readString(jvmConfig).strip().replaceAll("\\s+", " ");
      Files.createDirectories(project.resolve(".mvn"));
      Files.copy(jvmConfig, project.resolve(".mvn/jvm.config"));
    }
    Path log = work.resolve("apps-" + apps + ".log");
    System.out.printf(Locale.ROOT, "%n%,d apps (%s), %d runs each%s; load %s%n", apps, project, runs,
        jvm.isEmpty() ? "" : ", .mvn/jvm.config: " + jvm, load());

    lastCpu = Long.MAX_VALUE;
    long floor = min(() -> exec(project, mavenArgs("validate"), log, Map.of()));
    long floorCpu = takeCpu();
    long clean = min(() -> {
      deleteTree(project.resolve("deploy"));
      deleteTree(project.resolve("target"));
      return exec(project, mavenArgs("package"), log, Map.of());
    });
    long cleanCpu = takeCpu();
    checkOutput(project.resolve("deploy"), apps);
    Map<String, String> before = mtimes(project.resolve("deploy"));
    long noop = min(() -> exec(project, mavenArgs("package"), log, Map.of()));
    long noopCpu = takeCpu();
    int noopTouched = touched(before, mtimes(project.resolve("deploy")));
    Path spec = project.resolve(SyntheticProject.SPEC_DIRECTORY).resolve(SyntheticProject.spec(0).fileName());
    int[] changedTouched = {0};
    long changed = min(() -> {
      toggle(spec);
      Map<String, String> was = mtimes(project.resolve("deploy"));
      long ms = exec(project, mavenArgs("package"), log, Map.of());
      changedTouched[0] = touched(was, mtimes(project.resolve("deploy")));
      return ms;
    });
    long changedCpu = takeCpu();
    String heap = "-";
    if (apps >= 10_000) {
      heap = peakHeap(project, log);
    }
    long[] in = inProcess ? inProcess(project) : new long[] {-1, -1, -1, -1};
    System.out.printf(Locale.ROOT, "  floor %,d ms; clean %,d; no-op %,d (%d files touched); one changed %,d (%d files touched)%n",
        floor, clean, noop, noopTouched, changed, changedTouched[0]);
    return new Figures(apps, jvm, floor, clean, noop, changed, noopTouched, changedTouched[0], heap, in[0], in[1], in[2], in[3],
        floorCpu, cleanCpu, noopCpu, changedCpu);
  }

  /** A clean build with -Xmx1g and a GC log: whether it fits, and the largest heap in use before a collection or at exit. */
  private String peakHeap(Path project, Path log) throws IOException, InterruptedException {
    deleteTree(project.resolve("deploy"));
    deleteTree(project.resolve("target"));
    Path gcLog = work.resolve("gc-" + project.getFileName() + ".log");
    Files.deleteIfExists(gcLog);
    try {
      exec(project, mavenArgs("package"), log, Map.of("MAVEN_OPTS", "-Xmx1g -Xlog:gc,gc+heap+exit:file=" + gcLog));
    } catch (IllegalStateException e) {
      return "does not fit in -Xmx1g (" + e.getMessage() + ")";
    }
    long peak = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_LINE.matcher(line);
      while (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(1)));
      }
      Matcher used = Pattern.compile("used (\\d+)K").matcher(line);
      if (line.contains("garbage-first heap") && used.find()) {
        peak = Math.max(peak, Long.parseLong(used.group(1)) / 1024);
      }
    }
    return "fits in -Xmx1g; peak ≥ " + peak + " MB (GC log)";
  }

  /** The same three builds in this JVM: cold clean, warm clean (min), no-op, one changed (min), in ms. */
  private long[] inProcess(Path project) throws IOException {
    Path spec = project.resolve(SyntheticProject.SPEC_DIRECTORY);
    Path out = work.resolve("in-process-" + project.getFileName());
    // With a build state, as the Mojo runs it: the no-op figure is the up-to-date check.
    Path state = work.resolve("in-process-" + project.getFileName() + ".state");
    Files.deleteIfExists(state);
    Compiler compiler = new Compiler().withState(state);
    CompileRequest request = new CompileRequest(project, spec, out, Map.of());
    long cold = timedBuild(compiler, request, out, true);
    long warm = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      warm = Math.min(warm, timedBuild(compiler, request, out, true));
    }
    long noop = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      noop = Math.min(noop, timedBuild(compiler, request, out, false));
    }
    long changed = Long.MAX_VALUE;
    Path first = spec.resolve(SyntheticProject.spec(0).fileName());
    for (int i = 0; i < runs; i++) {
      toggle(first);
      changed = Math.min(changed, timedBuild(compiler, request, out, false));
    }
    deleteTree(out);
    return new long[] {cold, warm, noop, changed};
  }

  private static long timedBuild(Compiler compiler, CompileRequest request, Path out, boolean clean) throws IOException {
    if (clean) {
      deleteTree(out);
    }
    long start = System.nanoTime();
    CompileReport report = compiler.build(request);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (report.hasErrors()) {
      throw new IllegalStateException("in-process build failed: " + report.diagnostics().stream().filter(d -> d.isError()).findFirst().orElseThrow());
    }
    return ms;
  }

  /** Switches app 0's image between two tags: a real change of its StatefulSet, which the guard lets through. */
  private static void toggle(Path spec) {
    try {
      String text = Files.readString(spec);
      String next = text.contains(CHANGED_FROM) ? text.replace(CHANGED_FROM, CHANGED_TO) : text.replace(CHANGED_TO, CHANGED_FROM);
      if (next.equals(text)) {
        throw new IllegalStateException(spec + " has neither " + CHANGED_FROM + " nor " + CHANGED_TO);
      }
      Files.writeString(spec, next);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkOutput(Path deploy, int apps) {
    for (String name : List.of(SyntheticProject.appName(0), SyntheticProject.appName(apps - 1))) {
      if (!Files.isRegularFile(deploy.resolve(name).resolve("base/kustomization.yaml"))) {
        System.err.println("wrong output: no base for " + name + " in " + deploy);
        System.exit(2);
      }
    }
  }

  interface Timed {
    long run() throws IOException, InterruptedException;
  }

  /** The least CPU time (user + system, ms) of the Maven processes since the last call. */
  private static long lastCpu = Long.MAX_VALUE;

  private static long takeCpu() {
    long cpu = lastCpu;
    lastCpu = Long.MAX_VALUE;
    return cpu;
  }

  private long min(Timed timed) throws IOException, InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      best = Math.min(best, timed.run());
    }
    return best;
  }

  /** Runs one Maven process; its wall clock in ms. A failing build stops the bench (exit 2) with its log's tail. */
  private static long exec(Path dir, List<String> cmd, Path log, Map<String, String> env) throws IOException, InterruptedException {
    // Through sh, whose `times` prints the CPU time its children used: the figure other processes on the machine inflate least.
    Path times = log.resolveSibling(log.getFileName() + ".times");
    List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "out=\"$0\"; \"$@\"; rc=$?; times > \"$out\"; exit $rc", times.toString()));
    wrapped.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(wrapped)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    int rc = pb.start().waitFor();
    long ms = (System.nanoTime() - start) / 1_000_000;
    lastCpu = Math.min(lastCpu, childCpu(times));
    if (rc != 0) {
      List<String> lines = Files.readAllLines(log);
      System.err.println(String.join(" ", cmd) + " in " + dir + " failed (" + rc + "):");
      lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.err::println);
      if (env.containsKey("MAVEN_OPTS")) {
        throw new IllegalStateException("exit " + rc);
      }
      System.exit(2);
    }
    return ms;
  }

  /** user + system of the children, from the second line of sh's `times` ("0m1.234s 0m0.056s"). */
  static long childCpu(Path times) {
    try {
      List<String> lines = Files.readAllLines(times);
      Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s").matcher(lines.get(1));
      if (!m.find()) {
        return -1;
      }
      double seconds = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
          + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
      return Math.round(seconds * 1000);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static Map<String, String> mtimes(Path dir) throws IOException {
    Map<String, String> out = new HashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(dir.relativize(p) + (a.isDirectory() ? "/" : ""), a.lastModifiedTime() + " " + a.fileKey());
      }
    }
    return out;
  }

  /** Files and folders new, gone, or with another mtime or inode. */
  private static int touched(Map<String, String> before, Map<String, String> after) {
    int n = 0;
    for (var e : after.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        n++;
      }
    }
    for (String k : before.keySet()) {
      if (!after.containsKey(k)) {
        n++;
      }
    }
    return n;
  }

  private static String pom(int apps) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>apps-%d</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.stateforge</groupId>
                <artifactId>stateforge-maven-plugin</artifactId>
                <version>0.1.0-SNAPSHOT</version>
                <configuration><outputDirectory>${project.basedir}/deploy</outputDirectory></configuration>
                <executions><execution><id>generate</id><goals><goal>generate</goal></goals></execution></executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(apps);
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void print(List<Figures> all) {
    System.out.println();
    System.out.println("| build | floor (validate), wall / cpu | mvn package above the floor, wall | cpu above the floor's | in-process (cold / warm) |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (Figures f : all) {
      String n = String.format(Locale.ROOT, "%,d app%s", f.apps(), f.apps() == 1 ? "" : "s")
          + (f.jvm().isEmpty() ? "" : " (" + f.jvm() + ")");
      System.out.printf(Locale.ROOT, "| %s, clean | %,d / %,d ms | %+,d ms | %+,d ms | %s / %s |%n", n, f.floor(), f.floorCpu(),
          f.clean() - f.floor(), f.cleanCpu() - f.floorCpu(), ms(f.inColdClean()), ms(f.inWarmClean()));
      System.out.printf(Locale.ROOT, "| %s, nothing changed | | %+,d ms, %d files touched | %+,d ms | %s |%n", n, f.noop() - f.floor(),
          f.noopTouched(), f.noopCpu() - f.floorCpu(), ms(f.inNoop()));
      System.out.printf(Locale.ROOT, "| %s, one spec changed | | %+,d ms, %d files touched | %+,d ms | %s |%n", n,
          f.changed() - f.floor(), f.changedTouched(), f.changedCpu() - f.floorCpu(), ms(f.inChanged()));
      if (!f.heap().equals("-")) {
        System.out.printf(Locale.ROOT, "| %s, clean, heap | | %s | | |%n", n, f.heap());
      }
    }
    for (String jvm : all.stream().map(Figures::jvm).distinct().toList()) {
      Map<Integer, Figures> byApps = new LinkedHashMap<>();
      all.stream().filter(f -> f.jvm().equals(jvm)).forEach(f -> byApps.put(f.apps(), f));
      if (byApps.containsKey(1) && byApps.containsKey(1_000)) {
        double perApp = (byApps.get(1_000).clean() - byApps.get(1).clean()) / 999.0;
        double perAppCpu = (byApps.get(1_000).cleanCpu() - byApps.get(1).cleanCpu()) / 999.0;
        System.out.printf(Locale.ROOT, "marginal cost per app, clean (1 → 1,000, mvn%s): %.2f ms wall, %.2f ms cpu%n",
            jvm.isEmpty() ? "" : ", " + jvm, perApp, perAppCpu);
      }
    }
  }

  private static String ms(long v) {
    return v < 0 ? "-" : String.format(Locale.ROOT, "%,d ms", v);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
