package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
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
    assertThat(refused.diagnostics()).filteredOn(d -> d.code().equals("app-removed")).singleElement()
        .satisfies(d -> assertThat(d.location().file()).isEqualTo("target/stateforge/app-b/base/statefulset.yaml"));
    assertThat(refused.writeResult()).isEmpty();
    assertThat(out.resolve("app-b/base/statefulset.yaml")).exists();

    // Removing an app orphans its claims: it takes an acknowledgement in a remaining spec.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a")
        + "acknowledge { app-removed = \"app-b was retired; its data moved to app-a\" }\n");
    CompileReport report = build();

    assertThat(out.resolve("app-b")).doesNotExist();
    assertThat(out.resolve("app-a/base/statefulset.yaml")).exists();
    assertThat(report.writeResult().orElseThrow().removed()).isEqualTo(4);
    assertThat(Files.readString(out.resolve("kustomization.yaml"))).doesNotContain("app-b");
    try (var siblings = Files.list(out.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("stateforge");
    }
  }

  @Test
  void refusesToReplaceAFolderItDidNotWrite() throws IOException {
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("README.md"), "hand-written notes\n");

    CompileReport report = build();

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.diagnostics()).anySatisfy(d -> assertThat(d.code()).isEqualTo("output-not-owned"));
    assertThat(TestTrees.read(out)).containsOnlyKeys("README.md");
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
    assertThat(out).doesNotExist();

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

    assertThat(report.diagnostics()).noneMatch(d -> d.code().equals("acknowledgement-unused"));
    assertThat(report.diagnostics()).filteredOn(d -> d.code().equals("storage-class-reclaim-delete"))
        .singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(dev.stateforge.diag.Severity.NOTE));
  }

  @Test
  void anEmptySpecFolderIsAWarningAndWritesNothing() throws IOException {
    CompileReport report = build();
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.diagnostics()).singleElement().satisfies(d -> assertThat(d.code()).isEqualTo("no-specs"));
    assertThat(out).doesNotExist();
  }
}
