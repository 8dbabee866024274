package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-app incremental builds: when one spec of several changed, only that app is compiled and
 * written, and the output and the report are those of a full build from the same previous output
 * (the reference: a copy of the output, built in full by a compiler without state). A change that
 * another app or a project-wide check could see makes the build a full one, which still reports it.
 */
class PerAppIncrementalTest {
  @TempDir Path project;
  Path specs;
  Path out;
  Path reference;
  Path state;

  static final String CLASSES = """
      storageClasses {
        fast-ssd {
          provisioner = ebs.csi.aws.com
          reclaimPolicy = Retain
          allowVolumeExpansion = true
          volumeBindingMode = WaitForFirstConsumer
        }
      }
      """;

  /** Declares the shared class (through the include), warns (partition above replicas), acknowledges what never fires. */
  static final String SPEC = """
      include "common/classes.conf"
      name = %s
      namespace = team
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 10Gi, class = fast-ssd } }
      updates { partition = 3 }
      """;

  @BeforeEach
  void setUp() throws IOException {
    specs = Files.createDirectories(project.resolve("src/main/stateforge"));
    Files.createDirectories(specs.resolve("common"));
    Files.writeString(specs.resolve("common/classes.conf"), CLASSES);
    out = project.resolve("deploy");
    reference = project.resolve("reference");
    state = project.resolve("target/stateforge-build.state");
    for (String app : List.of("a", "b", "c", "d")) {
      Files.writeString(specs.resolve(app + ".conf"), SPEC.formatted("app-" + app));
    }
    assertThat(fullBuild(build())).isTrue();
  }

  CompileReport build() throws IOException {
    return new Compiler().withState(state).build(new CompileRequest(project, specs, out, Map.of()));
  }

  /** Copies the output as it is now, then (call after the build under test) builds the copy in full. */
  void copyOutput() throws IOException {
    if (Files.exists(reference)) {
      try (Stream<Path> walk = Files.walk(reference)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.toList()) {
        Path to = reference.resolve(out.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("lock")) {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  CompileReport referenceBuild() throws IOException {
    CompileReport full = new Compiler().build(new CompileRequest(project, specs, reference, Map.of()));
    assertThat(fullBuild(full) || full.hasErrors()).isTrue();
    return full;
  }

  static boolean fullBuild(CompileReport report) {
    return report.renderedTree().isPresent();
  }

  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(p).toString();
        if (!name.equals(".stateforge/lock")) {
          files.put(name, Files.readString(p));
        }
      }
    }
    return files;
  }

  Map<String, String> attributes() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        files.put(out.relativize(p).toString(), a.lastModifiedTime().toInstant() + " " + a.fileKey() + " " + a.size());
      }
    }
    files.remove(".stateforge/lock");
    return files;
  }

  /** The report as the user reads it, with the output folder's name (which differs from the reference's) left out. */
  static List<String> lines(CompileReport report) {
    return report.diagnostics().stream().map(Diagnostic::format).map(l -> l.replace("reference/", "deploy/")).toList();
  }

  void assertSameAsFullBuild(CompileReport report) throws IOException {
    CompileReport full = referenceBuild();
    assertThat(lines(report)).isEqualTo(lines(full));
    assertThat(report.apps()).isEqualTo(full.apps());
    assertThat(report.specFiles()).isEqualTo(full.specFiles());
    if (!report.hasErrors()) {
      assertThat(tree(out)).as("byte for byte the full build's output").isEqualTo(tree(reference));
    }
  }

  @Test
  void oneChangedSpecCompilesAndWritesOnlyItsApp() throws IOException {
    Map<String, String> before = attributes();
    copyOutput();
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b").replace("postgres:16.4", "postgres:17.0")
        + "acknowledge { backup-rpo = \"a cache that rebuilds itself\", pvc-retention-delete = \"never fires here\" }\n");

    CompileReport report = build();

    assertThat(report.hasErrors()).as("%s", report.diagnostics()).isFalse();
    assertThat(fullBuild(report)).as("only app-b compiled").isFalse();
    assertThat(report.writeResult().orElseThrow().upToDate()).isFalse();
    Map<String, String> after = attributes();
    List<String> touched = after.keySet().stream().filter(p -> !after.get(p).equals(before.get(p)))
        .filter(p -> Files.isRegularFile(out.resolve(p))).toList();
    // The image's tag is the version label of every object of app-b; no file of another app is touched.
    assertThat(touched).contains(".stateforge/manifest", "app-b/base/statefulset.yaml")
        .allMatch(p -> p.equals(".stateforge/manifest") || p.startsWith("app-b/"));
    // The changed app's share of the report is found again: its acknowledgement applies, its unused one is reported.
    assertThat(report.diagnostics()).anyMatch(d -> d.code().equals(Codes.ACKNOWLEDGEMENT_UNUSED) && d.message().contains("app-b"));
    assertThat(report.diagnostics()).anyMatch(d -> d.subject().app().equals("app-b") && d.message().contains("; acknowledged: "));
    assertThat(report.diagnostics()).anyMatch(d -> d.subject().app().equals("app-a"));
    assertSameAsFullBuild(report);

    // The state it kept is current: the next build is a no-op with the same report.
    CompileReport again = build();
    assertThat(again.writeResult().orElseThrow().upToDate()).isTrue();
    assertThat(again.diagnostics()).isEqualTo(report.diagnostics());
    assertThat(attributes()).isEqualTo(after);
  }

  @Test
  void aRenamedAppFallsBackToTheFullBuildAndTheGuardReportsTheRemoval() throws IOException {
    copyOutput();
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b2"));

    CompileReport report = build();

    assertThat(report.diagnostics()).anyMatch(d -> d.code().equals(Codes.APP_REMOVED));
    assertSameAsFullBuild(report);
  }

  @Test
  void aChangedSharedClassFallsBackAndItsConflictIsReported() throws IOException {
    copyOutput();
    Files.writeString(specs.resolve("c.conf"), SPEC.formatted("app-c").replace("include \"common/classes.conf\"\n", "")
        + CLASSES.replace("reclaimPolicy = Retain", "reclaimPolicy = Delete"));

    CompileReport report = build();

    assertThat(report.diagnostics()).anyMatch(d -> d.code().equals(Codes.STORAGE_CLASS_CONFLICT));
    assertSameAsFullBuild(report);
  }

  @Test
  void aDuplicateNameIntroducedByTheChangedSpecIsReported() throws IOException {
    copyOutput();
    Files.writeString(specs.resolve("d.conf"), SPEC.formatted("app-a"));

    CompileReport report = build();

    assertThat(report.diagnostics()).anyMatch(d -> d.code().equals(Codes.DUPLICATE_APP));
    assertSameAsFullBuild(report);
  }

  @Test
  void anAddedOrRemovedSpecFallsBackToTheFullBuild() throws IOException {
    copyOutput();
    Files.writeString(specs.resolve("e.conf"), SPEC.formatted("app-e"));
    CompileReport added = build();
    assertThat(fullBuild(added)).isTrue();
    assertSameAsFullBuild(added);

    Files.delete(specs.resolve("e.conf"));
    CompileReport removed = build();
    assertThat(removed.diagnostics()).anyMatch(d -> d.code().equals(Codes.APP_REMOVED) && d.subject().app().equals("app-e"));
  }

  @Test
  void aGuardFindingInTheChangedAppIsStillReportedAndNothingIsWritten() throws IOException {
    Map<String, String> before = tree(out);
    copyOutput();
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b").replace("size = 10Gi", "size = 5Gi"));

    CompileReport report = build();

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.diagnostics()).anyMatch(d -> d.code().family() == dev.stateforge.diag.Code.Family.GUARD
        && d.subject().app().equals("app-b"));
    assertThat(tree(out)).isEqualTo(before);
    assertSameAsFullBuild(report);
  }

  @Test
  void anAcknowledgedGuardFindingIsANoteAsInTheFullBuild() throws IOException {
    copyOutput();
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b").replace("size = 10Gi", "size = 5Gi")
        + "acknowledge { volume-shrink = \"restored from a backup into a smaller volume\" }\n");

    CompileReport report = build();

    assertThat(report.hasErrors()).as("%s", report.diagnostics()).isFalse();
    assertThat(report.diagnostics()).anyMatch(d -> d.code().family() == dev.stateforge.diag.Code.Family.GUARD && d.message().contains("; acknowledged: "));
    assertSameAsFullBuild(report);
    // A build whose guard reported a change keeps no state: the next one is a full build.
    assertThat(state).doesNotExist();
  }

  @Test
  void appsWhoseObjectsReachEachOtherAreNeverCompiledAlone() throws IOException {
    // app-a's budget selects app-b's pods: app-b's findings depend on app-a's objects and back.
    Files.writeString(specs.resolve("a.conf"), SPEC.formatted("app-a") + """
        patches = [{
          target { kind = PodDisruptionBudget }
          operations = [{ op = replace, path = /spec/selector/matchLabels,
            value { "app.kubernetes.io/name" = app-b, "app.kubernetes.io/instance" = app-b } }]
        }]
        """);
    assertThat(build().hasErrors()).isFalse();
    copyOutput();
    Files.writeString(specs.resolve("b.conf"), SPEC.formatted("app-b").replace("postgres:16.4", "postgres:17.0"));

    CompileReport report = build();

    assertThat(fullBuild(report)).as("app-b is tied to app-a: a full build").isTrue();
    assertSameAsFullBuild(report);
    // An app no lookup ties to another is still compiled alone.
    copyOutput();
    Files.writeString(specs.resolve("c.conf"), SPEC.formatted("app-c").replace("postgres:16.4", "postgres:17.0"));
    CompileReport alone = build();
    assertThat(fullBuild(alone)).isFalse();
    assertSameAsFullBuild(alone);
  }

  @Test
  void aSpecThatChangesNothingInTheOutputWritesNothing() throws IOException {
    Map<String, String> before = attributes();
    Files.writeString(specs.resolve("a.conf"), "# a comment\n" + SPEC.formatted("app-a"));

    CompileReport report = build();

    assertThat(fullBuild(report)).isFalse();
    assertThat(report.writeResult().orElseThrow().upToDate()).isTrue();
    assertThat(attributes()).isEqualTo(before);
    assertThat(fullBuild(build())).as("the state records the new spec").isFalse();
  }
}
