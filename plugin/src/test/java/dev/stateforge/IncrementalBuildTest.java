package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that keep a state ({@link Compiler#withState}): an unchanged project stops before compiling
 * and touches nothing; any changed input, setting or output file makes the build a full one; a state
 * file that is not one Stateforge wrote is ignored. A build that stopped early is recognised by its
 * report, which has no rendered tree (a full build always has one).
 */
class IncrementalBuildTest {
  @TempDir Path project;
  Path specs;
  Path out;
  Path state;

  static final String SPEC = """
      name = %s
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 10Gi } }
      """;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(project.resolve("src/main/stateforge"));
    out = project.resolve("deploy");
    state = project.resolve("target/stateforge-build.state");
  }

  CompileReport build() throws IOException {
    return build(Map.of(), null);
  }

  CompileReport build(Map<String, String> variables, String kubernetesVersion) throws IOException {
    return new Compiler().withState(state)
        .build(new CompileRequest(project, specs, out, variables, false, kubernetesVersion));
  }

  static boolean fullBuild(CompileReport report) {
    return report.renderedTree().isPresent();
  }

  /** Every file and folder of the project with its modification time and inode, the output's lock too. */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path p : walk.toList()) {
        String name = project.relativize(p).toString();
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        files.put(name, a.lastModifiedTime().toInstant() + " " + a.fileKey() + " " + a.size());
      }
    }
    return files;
  }

  @Test
  void anUnchangedProjectIsNotCompiledAgainAndNothingIsWrittenOrTouched() throws IOException {
    // partition above replicas is a warning: the up-to-date build reports it again.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a") + "updates { partition = 3 }\n");
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b"));
    CompileReport first = build();
    assertThat(fullBuild(first)).isTrue();
    assertThat(first.writeResult().orElseThrow().upToDate()).isFalse();
    assertThat(state).isRegularFile();
    Map<String, String> before = snapshot();

    CompileReport second = build();

    assertThat(fullBuild(second)).as("stopped before compiling").isFalse();
    assertThat(second.writeResult().orElseThrow().upToDate()).isTrue();
    assertThat(second.diagnostics()).isEqualTo(first.diagnostics()).isNotEmpty();
    assertThat(second.apps()).isEqualTo(first.apps());
    assertThat(second.specFiles()).isEqualTo(2);
    assertThat(snapshot()).as("no file written, no mtime touched, the state included").isEqualTo(before);
  }

  @Test
  void aChangedSpecRewritesOnlyTheFilesItChangesAndTheMarker() throws IOException {
    for (String app : List.of("a", "b", "c")) {
      Files.writeString(specs.resolve(app + ".conf"), SPEC.formatted("app-" + app));
    }
    build();
    Map<String, String> before = snapshot();

    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b").replace("cpu = 500m", "cpu = 600m"));
    CompileReport changed = build();

    assertThat(fullBuild(changed)).as("only app-b compiled (PerAppIncrementalTest)").isFalse();
    assertThat(changed.writeResult().orElseThrow().upToDate()).isFalse();
    Map<String, String> after = snapshot();
    List<String> rewritten = after.keySet().stream()
        .filter(path -> path.startsWith("deploy/") && Files.isRegularFile(project.resolve(path)))
        .filter(path -> !after.get(path).equals(before.get(path)))
        .toList();
    assertThat(rewritten).containsExactly("deploy/.stateforge/manifest", "deploy/app-b/base/statefulset.yaml");
  }

  @Test
  void aChangedIncludeMakesTheBuildAFullOne() throws IOException {
    Files.createDirectories(specs.resolve("common"));
    Files.writeString(specs.resolve("common/image.conf"), "image = \"postgres:16.4\"\n");
    Files.writeString(specs.resolve("a.conf"), "include \"common/image.conf\"\n" + SPEC.formatted("app-a").replace("image = \"postgres:16.4\"\n", ""));
    build();
    assertThat(fullBuild(build())).isFalse();

    Files.writeString(specs.resolve("common/image.conf"), "image = \"postgres:16.5\"\n");
    CompileReport changed = build();

    assertThat(fullBuild(changed)).isTrue();
    assertThat(Files.readString(out.resolve("app-a/base/statefulset.yaml"))).contains("image: postgres:16.5");
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void aChangedConfigFileSourceMakesTheBuildAFullOne() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/pg.conf"), "max_connections = 100\n");
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a")
        + "files { pg-conf { mountPath = /etc/pg/pg.conf, source = config/pg.conf } }\n");
    CompileReport first = build();
    assertThat(first.hasErrors()).as("%s", first.diagnostics()).isFalse();
    assertThat(fullBuild(build())).isFalse();

    Files.writeString(project.resolve("config/pg.conf"), "max_connections = 200\n");

    assertThat(fullBuild(build())).isTrue();
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void aChangedParameterOrVariableMakesTheBuildAFullOne() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("\"postgres:16.4\"", "${IMAGE}"));
    build(Map.of("IMAGE", "postgres:16.4"), null);
    assertThat(fullBuild(build(Map.of("IMAGE", "postgres:16.4"), null))).isFalse();

    CompileReport otherValue = build(Map.of("IMAGE", "postgres:17.0"), null);
    assertThat(fullBuild(otherValue)).isTrue();
    assertThat(Files.readString(out.resolve("app-a/base/statefulset.yaml"))).contains("image: postgres:17.0");

    String older = dev.stateforge.verify.KubernetesSchemas.versions().get(0);
    assertThat(fullBuild(build(Map.of("IMAGE", "postgres:17.0"), older))).isTrue();
    assertThat(fullBuild(build(Map.of("IMAGE", "postgres:17.0"), older))).isFalse();
  }

  @Test
  void aRemovedSpecMakesTheBuildAFullOneAndItsFilesGo() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a")
        + "acknowledge { app-removed = \"app-b was retired; its data moved to app-a\" }\n");
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b"));
    build();
    assertThat(fullBuild(build())).isFalse();

    Files.delete(specs.resolve("b.conf"));
    CompileReport removed = build();

    assertThat(fullBuild(removed)).isTrue();
    assertThat(out.resolve("app-b")).doesNotExist();
    assertThat(removed.writeResult().orElseThrow().removed()).isEqualTo(5);
    // The guard found the removal against the previous output: rerun, it would not, so the report is not kept.
    assertThat(state).doesNotExist();
    CompileReport again = build();
    assertThat(fullBuild(again)).isTrue();
    assertThat(again.diagnostics()).extracting(d -> d.code().id()).contains("acknowledgement-unused");
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void anErrorBesideUnchangedAppsIsReportedWithEveryOtherProblemAndNothingIsWritten() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b"));
    Files.writeString(specs.resolve("c.conf"), SPEC.formatted("app-c"));
    build();
    assertThat(fullBuild(build())).isFalse();
    Map<String, String> before = snapshot();

    // c now takes a's name (a project-wide problem with an unchanged app), and a new spec has a key wrong.
    Files.writeString(specs.resolve("c.conf"), SPEC.formatted("app-a"));
    Files.writeString(specs.resolve("d.conf"), SPEC.formatted("app-d") + "replicaz = 2\n");
    CompileReport broken = build();

    assertThat(broken.diagnostics()).filteredOn(Diagnostic::isError).extracting(d -> d.code().id())
        .containsExactlyInAnyOrder("duplicate-app", "unknown-key");
    assertThat(broken.diagnostics()).isEqualTo(new Compiler().compile(new CompileRequest(project, specs, out, Map.of())).diagnostics());
    Files.delete(specs.resolve("d.conf"));
    assertThat(broken.writeResult()).isEmpty();
    Map<String, String> after = snapshot();
    after.keySet().removeIf(path -> path.startsWith("src"));
    before.keySet().removeIf(path -> path.startsWith("src"));
    assertThat(after).as("the output and the state as they were").isEqualTo(before);

    // Put back, the project is as the state recorded it: up to date again.
    Files.writeString(specs.resolve("c.conf"), SPEC.formatted("app-c"));
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void aHandEditedOutputFileMakesTheBuildAFullOneThatPutsItBack() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    build();
    Path statefulSet = out.resolve("app-a/base/statefulset.yaml");
    String written = Files.readString(statefulSet);
    Files.writeString(statefulSet, written.replace("postgres:16.4", "postgres:16.9"));

    CompileReport rebuilt = build();

    assertThat(fullBuild(rebuilt)).isTrue();
    assertThat(Files.readString(statefulSet)).isEqualTo(written);
  }

  @Test
  void aStateFileThatIsGarbageHugeOrHostileIsIgnored() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    CompileReport reference = build();
    String good = Files.readString(state);
    Files.createDirectories(project.resolve("secret"));
    Files.writeString(project.resolve("secret/key"), "not an input");

    List<byte[]> hostile = List.of(
        "garbage \u0000\u00ff{{{[".getBytes(StandardCharsets.ISO_8859_1),
        good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8),
        "[]".getBytes(StandardCharsets.UTF_8),
        good.replace("\"format\":2", "\"format\":99").getBytes(StandardCharsets.UTF_8),
        "[".repeat(100_000).getBytes(StandardCharsets.UTF_8),
        // an input outside the project, and one in it that no spec reads: neither stops the build early
        good.replace("\"inputs\":{", "\"inputs\":{\"/etc/hostname\":\"x\",").getBytes(StandardCharsets.UTF_8),
        good.replace("\"inputs\":{", "\"inputs\":{\"" + project.toRealPath().resolve("secret/key") + "\":\"x\",")
            .getBytes(StandardCharsets.UTF_8),
        // a per-app share of the report that points past the report
        good.replace("\"perApp\":{", "\"perApp\":{\"/x.conf\":{\"name\":\"x\",\"summary\":\"y\",\"diagnostics\":[99]},").getBytes(StandardCharsets.UTF_8),
        // an output recorded otherwise (the digest of its files' paths and attributes)
        good.replaceFirst("\"output\":\"[0-9a-f]", "\"output\":\"x").getBytes(StandardCharsets.UTF_8));
    for (byte[] bytes : hostile) {
      Files.write(state, bytes);
      CompileReport report = build();
      assertThat(fullBuild(report)).as(new String(bytes, 0, Math.min(80, bytes.length), StandardCharsets.ISO_8859_1)).isTrue();
      assertThat(report.diagnostics()).isEqualTo(reference.diagnostics());
      assertThat(Files.readString(state)).as("rewritten whole").isEqualTo(good);
    }

    try (RandomAccessFile huge = new RandomAccessFile(state.toFile(), "rw")) {
      huge.setLength(65L * 1024 * 1024); // sparse: larger than any state, never read
    }
    assertThat(fullBuild(build())).isTrue();
    assertThat(Files.size(state)).isLessThan(1024 * 1024);
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void anInputIsTrustedByItsAttributesOnlyWhenItWasChangedWellBeforeTheBuild() throws IOException {
    Path spec = specs.resolve("a.conf");
    Files.writeString(spec, SPEC.formatted("app-a"));
    build();
    // Written just now: recorded without its attributes, so an edit in the same clock tick is seen.
    String fresh = Files.readString(state);
    assertThat(fresh).containsPattern("\"" + java.util.regex.Pattern.quote(spec.toRealPath().toString()) + "\":\"[0-9a-f]{64}\"");
    java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(spec);
    Files.writeString(spec, SPEC.formatted("app-a").replace("cpu = 500m", "cpu = 600m")); // the same size
    Files.setLastModifiedTime(spec, mtime);
    CompileReport edited = build();
    assertThat(edited.writeResult().orElseThrow().upToDate()).as("the edit is compiled").isFalse();
    assertThat(Files.readString(out.resolve("app-a/base/statefulset.yaml"))).contains("600m");

    // Changed an hour ago: recorded with size, mtime and inode, and trusted by them.
    Files.writeString(spec, SPEC.formatted("app-a").replace("cpu = 500m", "cpu = 700m"));
    Files.setLastModifiedTime(spec, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    assertThat(build().writeResult().orElseThrow().upToDate()).isFalse();
    assertThat(Files.readString(state)).containsPattern("\"" + java.util.regex.Pattern.quote(spec.toRealPath().toString())
        + "\":\"[0-9a-f]{64} \\d+ ");
    assertThat(fullBuild(build())).isFalse();
  }

  @Test
  void aBuildWithoutStateKeepsNone() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
    assertThat(project.resolve("target")).doesNotExist();
  }
}
