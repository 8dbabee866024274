package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateforge.emit.KilledBuild;
import dev.stateforge.emit.OutputLock;
import dev.stateforge.emit.RenderedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the tree: atomic replacement, no-op rebuilds, stale files, foreign folders, variables. */
class CompilerBuildTest {
  @TempDir Path project;
  Path specs;
  Path out;

  static final String SPEC = """
      name = %s
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 10Gi } }
      """;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(project.resolve("src/main/stateforge"));
    out = project.resolve("target/stateforge");
  }

  /** The lock a build takes leaves its (Git-ignored) file in an output directory that was there before. */
  static final String LOCK = ".stateforge/lock";

  CompileReport build() throws IOException {
    return new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
  }

  @Test
  void writesTheTreeThenLeavesItAloneWhenNothingChanged() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    CompileReport first = build();
    assertThat(first.writeResult()).hasValueSatisfying(w -> {
      assertThat(w.upToDate()).isFalse();
      assertThat(w.written()).isEqualTo(first.tree().files().size());
    });
    Path statefulSet = out.resolve("app-a/base/statefulset.yaml");
    FileTime old = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(statefulSet, old);

    CompileReport second = build();

    assertThat(second.writeResult()).hasValueSatisfying(w -> assertThat(w.upToDate()).isTrue());
    assertThat(Files.getLastModifiedTime(statefulSet)).isEqualTo(old);
  }

  @Test
  void removesWhatTheSpecsNoLongerProduce() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b"));
    build();
    assertThat(out.resolve("app-b/base/statefulset.yaml")).exists();

    Files.delete(specs.resolve("b.conf"));
    CompileReport refused = build();
    // The removed app has no spec left: the finding names the file of the previous output.
    assertThat(refused.diagnostics()).filteredOn(d -> d.code().id().equals("app-removed")).singleElement()
        .satisfies(d -> assertThat(d.location().file()).isEqualTo("target/stateforge/app-b/base/statefulset.yaml"));
    assertThat(refused.writeResult()).isEmpty();
    assertThat(out.resolve("app-b/base/statefulset.yaml")).exists();

    // Removing an app orphans its claims: it takes an acknowledgement in a remaining spec.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a")
        + "acknowledge { app-removed = \"app-b was retired; its data moved to app-a\" }\n");
    CompileReport report = build();

    assertThat(out.resolve("app-b")).doesNotExist();
    assertThat(out.resolve("app-a/base/statefulset.yaml")).exists();
    assertThat(report.writeResult().orElseThrow().removed()).isEqualTo(5);
    assertThat(Files.readString(out.resolve("kustomization.yaml"))).doesNotContain("app-b");
    try (var siblings = Files.list(out.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("stateforge");
    }
  }

  @Test
  void writesBesideFilesItDidNotWriteAndNeverRemovesThem() throws IOException {
    // A GitOps repository as the output directory: its .git and README are not Stateforge's.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b"));
    Map<String, byte[]> foreign = Map.of(
        ".git/HEAD", "ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8),
        ".git/objects/ab/cdef", new byte[] {1, 2, 3},
        "README.md", "hand-written notes\n".getBytes(StandardCharsets.UTF_8),
        "app-a/NOTES.md", "notes kept beside the generated app\n".getBytes(StandardCharsets.UTF_8));
    TestTrees.write(out, foreign);

    CompileReport first = build();
    assertThat(first.hasErrors()).isFalse();
    assertThat(out.resolve("app-b/base/statefulset.yaml")).exists();

    Files.delete(specs.resolve("b.conf"));
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a") + "acknowledge { app-removed = \"app-b was retired\" }\n");
    CompileReport second = build();

    assertThat(second.hasErrors()).as("%s", second.diagnostics()).isFalse();
    assertThat(second.writeResult().orElseThrow().removed()).isEqualTo(5);
    assertThat(out.resolve("app-b")).doesNotExist();
    SortedMap<String, byte[]> after = TestTrees.read(out);
    foreign.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
    Set<String> expected = union(foreign.keySet(), second.tree().files().keySet());
    expected.add(LOCK);
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void refusesToOverwriteAFileItDidNotWrite() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("kustomization.yaml"), "resources: [hand-written]\n");

    CompileReport report = build();

    assertThat(report.diagnostics()).filteredOn(d -> d.code().id().equals("output-not-owned")).singleElement()
        .satisfies(d -> assertThat(d.message()).contains(out.toRealPath().toString(), "kustomization.yaml"));
    assertThat(TestTrees.read(out)).containsOnlyKeys("kustomization.yaml", LOCK);
    assertThat(Files.readString(out.resolve("kustomization.yaml"))).isEqualTo("resources: [hand-written]\n");
  }

  @Test
  void adoptsAFileThatAlreadyHasTheBytesItWouldWrite() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    RenderedTree tree = new Compiler().compile(new CompileRequest(project, specs, out, Map.of())).tree();
    TestTrees.write(out, Map.of("app-a/base/statefulset.yaml", tree.files().get("app-a/base/statefulset.yaml")));

    CompileReport report = build();

    assertThat(report.hasErrors()).isFalse();
    assertThat(TestTrees.read(out)).containsOnlyKeys(union(tree.files().keySet(), Set.of(LOCK)));
  }

  @Test
  void followsASymlinkedOutputDirectoryAndStillGuardsIt() throws IOException {
    Path target = Files.createDirectories(project.resolve("elsewhere/deploy"));
    Files.createDirectories(out.getParent());
    Files.createSymbolicLink(out, target);
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("10Gi", "50Gi"));
    assertThat(build().hasErrors()).isFalse();
    assertThat(Files.isSymbolicLink(out)).isTrue();
    assertThat(target.resolve("app-a/base/statefulset.yaml")).exists();

    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    CompileReport shrunk = build();

    assertThat(shrunk.diagnostics()).anySatisfy(d -> assertThat(d.code().id()).isEqualTo("volume-shrink"));
    assertThat(Files.isSymbolicLink(out)).isTrue();
    assertThat(Files.readString(target.resolve("app-a/base/statefulset.yaml"))).contains("storage: 50Gi");
  }

  @Test
  void refusesAnOutputDirectoryThatIsADanglingLinkOrAFile() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.createDirectories(out.getParent());
    Files.createSymbolicLink(out, project.resolve("gone"));
    assertThat(build().diagnostics()).anySatisfy(d -> {
      assertThat(d.code().id()).isEqualTo("output-not-directory");
      assertThat(d.message()).contains(out.toString(), "does not exist");
    });
    assertThat(Files.isSymbolicLink(out)).isTrue();
    assertThat(project.resolve("gone")).doesNotExist();

    Files.delete(out);
    Files.writeString(out, "a file\n");
    assertThat(build().diagnostics()).anySatisfy(d -> assertThat(d.code().id()).isEqualTo("output-not-directory"));
    assertThat(Files.readString(out)).isEqualTo("a file\n");
  }

  @Test
  void refusesToGuardAgainstNothingWhenThePreviousOutputIsIncomplete() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("10Gi", "50Gi"));
    build();
    Files.delete(out.resolve("app-a/base/statefulset.yaml"));
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));

    CompileReport report = build();

    assertThat(report.diagnostics()).filteredOn(d -> d.code().id().equals("output-baseline-missing")).singleElement()
        .satisfies(d -> assertThat(d.message()).contains("app-a/base/statefulset.yaml", "is incomplete"));
    assertThat(report.writeResult()).isEmpty();
    assertThat(out.resolve("app-a/base/statefulset.yaml")).doesNotExist();
  }

  @Test
  void refusesABaselineDirectoryThatIsNotThere() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    CompileRequest request = new CompileRequest(project, specs, out, Map.of(), false, null, project.resolve("deployed"),
        GitOpsParameters.NONE);

    CompileReport report = new Compiler().build(request);

    assertThat(report.diagnostics()).anySatisfy(d -> {
      assertThat(d.code().id()).isEqualTo("output-baseline-missing");
      assertThat(d.message()).contains("baselineDirectory deployed does not exist");
    });
    assertThat(out).doesNotExist();
  }

  @Test
  void aBuildAfterAKilledOneRollsItBackAndStillCatchesTheShrink() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("10Gi", "50Gi"));
    build();
    SortedMap<String, byte[]> before = TestTrees.read(out);
    // A build of the shrunk spec, acknowledged, killed after it renamed the StatefulSet into place.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a") + "acknowledge { volume-shrink = \"the data was moved out\" }\n");
    CompileReport acknowledged = new Compiler().compile(new CompileRequest(project, specs, out, Map.of()));
    assertThat(acknowledged.hasErrors()).as("%s", acknowledged.diagnostics()).isFalse();
    RenderedTree shrunk = acknowledged.tree();
    assertThatThrownBy(() -> KilledBuild.syncKilledAfter(out, shrunk, "app-a/base/statefulset.yaml"))
        .hasMessageContaining("killed");
    assertThat(Files.readString(out.resolve("app-a/base/statefulset.yaml"))).contains("storage: 10Gi");

    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    CompileReport next = build();

    assertThat(next.diagnostics()).anySatisfy(d -> {
      assertThat(d.code().id()).isEqualTo("output-recovered");
      assertThat(d.message()).contains("rolled back", "1 file(s) restored");
    });
    assertThat(next.diagnostics()).anySatisfy(d -> assertThat(d.code().id()).isEqualTo("volume-shrink"));
    assertThat(TestTrees.read(out)).containsOnlyKeys(before.keySet());
    assertThat(before).containsKey(LOCK);
    before.forEach((path, bytes) -> assertThat(TestTrees.read(out).get(path)).as(path).isEqualTo(bytes));
  }

  @Test
  void removesStagingTreesThatKilledBuildsLeftBesideTheOutput() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    TestTrees.write(project.resolve("target/.stateforge.stateforge-new-123"), Map.of("app-a/base/statefulset.yaml", new byte[] {1}));
    TestTrees.write(project.resolve("target/.other.stateforge-new-123"), Map.of("keep.yaml", new byte[] {1}));

    CompileReport report = build();

    assertThat(report.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("removed .stateforge.stateforge-new-123"));
    try (var siblings = Files.list(out.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("stateforge", ".other.stateforge-new-123");
    }
  }

  @Test
  void putsBackAPreviousOutputThatAKillBetweenTheOldSwapsRenamesLeftBesideIt() throws IOException {
    // Builds before the marker renamed the output aside, then the new tree in: a kill between left only this.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("10Gi", "50Gi"));
    SortedMap<String, byte[]> legacy = new TreeMap<>(new Compiler().compile(new CompileRequest(project, specs, out, Map.of())).tree().files());
    legacy.keySet().removeIf(path -> path.startsWith(".stateforge/")); // those builds wrote no marker
    TestTrees.write(project.resolve("target/.stateforge.stateforge-old-42"), legacy);
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));

    CompileReport report = build();

    assertThat(report.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("restored the previous output from .stateforge.stateforge-old-42"));
    // Without a marker the tree is not Stateforge's own: the shrunk StatefulSet may not replace it.
    assertThat(report.diagnostics()).anySatisfy(d -> {
      assertThat(d.code().id()).isEqualTo("output-not-owned");
      assertThat(d.message()).contains("app-a/base/statefulset.yaml");
    });
    SortedMap<String, byte[]> restored = TestTrees.read(out);
    restored.remove(LOCK);
    assertThat(restored).containsOnlyKeys(legacy.keySet());
    assertThat(Files.readString(out.resolve("app-a/base/statefulset.yaml"))).contains("storage: 50Gi");
    assertThat(project.resolve("target/.stateforge.stateforge-old-42")).doesNotExist();
  }

  @Test
  void aSecondBuildIntoTheSameFolderWaitsAndComparesWithTheFirst() throws Exception {
    Path specsB = Files.createDirectories(project.resolve("module-b/src/main/stateforge"));
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.writeString(specsB.resolve("b.conf"), SPEC.formatted("app-b"));
    CompileRequest a = new CompileRequest(project, specs, out, Map.of());
    CompileRequest b = new CompileRequest(project, specsB, out, Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<CompileReport> first = pool.submit(() -> new Compiler().build(a));
      Future<CompileReport> second = pool.submit(() -> new Compiler().build(b));
      List<CompileReport> reports = List.of(first.get(), second.get());
      // One wrote its app; the other saw that app in the previous output and refused to remove it.
      assertThat(reports).filteredOn(r -> r.writeResult().isPresent()).hasSize(1);
      assertThat(reports).filteredOn(r -> r.diagnostics().stream().anyMatch(d -> d.code().id().equals("app-removed"))).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBuildThatCannotGetTheLockFailsClearly() throws Exception {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.createDirectories(out);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (OutputLock held = other.submit(() -> OutputLock.acquire(out.toRealPath(), Duration.ZERO)).get()) {
      CompileReport report = new Compiler().build(new CompileRequest(project, specs, out, Map.of()), Duration.ofMillis(300));
      assertThat(report.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.code().id()).isEqualTo("output-locked");
        assertThat(d.message()).contains(out.toRealPath().toString());
      });
      assertThat(TestTrees.read(out)).containsOnlyKeys(LOCK);
    } finally {
      other.shutdownNow();
    }
    assertThat(build().hasErrors()).isFalse();
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void substitutesOnlyAllowedVariables() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a").replace("\"postgres:16.4\"", "${IMAGE}"));

    CompileReport denied = new Compiler().compile(new CompileRequest(project, specs, out, Map.of()));
    assertThat(denied.diagnostics()).singleElement()
        .satisfies(d -> assertThat(d.format()).startsWith("src/main/stateforge/a.conf:2: error: ${IMAGE} is neither"));

    CompileReport allowed = new Compiler().compile(new CompileRequest(project, specs, out, Map.of("IMAGE", "postgres:17.0")));
    assertThat(allowed.hasErrors()).isFalse();
    assertThat(new String(allowed.tree().files().get("app-a/base/statefulset.yaml"), StandardCharsets.UTF_8))
        .contains("image: postgres:17.0");
  }

  @Test
  void failOnWarningWritesNothingWhenThereIsAWarning() throws IOException {
    // partition above replicas is a warning: no pod would receive template changes.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a") + "updates { partition = 3 }\n");

    CompileReport strict = new Compiler().build(new CompileRequest(project, specs, out, Map.of(), true));
    assertThat(strict.fails(true)).isTrue();
    assertThat(strict.writeResult()).isEmpty();
    assertThat(out).doesNotExist(); // not even the lock: the build created the folder and wrote nothing

    CompileReport lenient = build();
    assertThat(lenient.fails(false)).isFalse();
    assertThat(out.resolve("app-a/base/statefulset.yaml")).exists();
  }

  @Test
  void aSharedClassAcknowledgedInASharedFileSatisfiesEveryApp() throws IOException {
    Files.createDirectories(specs.resolve("common"));
    Files.writeString(specs.resolve("common/scratch-class.conf"), """
        storageClasses.scratch { provisioner = ebs.csi.aws.com, reclaimPolicy = Delete }
        acknowledge { storage-class-reclaim-delete = "scratch data is rebuilt from the event log" }
        """);
    for (String app : new String[] {"app-a", "app-b"}) {
      Files.writeString(specs.resolve(app + ".conf"), "include \"common/scratch-class.conf\"\n"
          + SPEC.formatted(app).replace("size = 10Gi", "size = 10Gi, class = scratch"));
    }

    CompileReport report = new Compiler().compile(new CompileRequest(project, specs, out, Map.of()));

    assertThat(report.diagnostics()).noneMatch(d -> d.code().id().equals("acknowledgement-unused"));
    assertThat(report.diagnostics()).filteredOn(d -> d.code().id().equals("storage-class-reclaim-delete"))
        .singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(dev.stateforge.diag.Severity.NOTE));
  }

  @Test
  void anEmptySpecFolderIsAWarningAndWritesNothing() throws IOException {
    CompileReport report = build();
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.diagnostics()).singleElement().satisfies(d -> assertThat(d.code().id()).isEqualTo("no-specs"));
    assertThat(out).doesNotExist();
  }
}
