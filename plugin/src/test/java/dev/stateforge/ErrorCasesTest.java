package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.SpecSchemaPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error corpus: every folder under {@code errors/} holds {@code input/} specs and, in
 * {@code expected.errors}, every diagnostic they must produce, in order, exactly as printed. Each
 * case must also leave a previous output tree untouched.
 *
 * <p>A case with a {@code symlinks.properties} gets, for the run, a symbolic link at each key (a
 * path in the case) to a copy of the file its value names, made in a temporary folder outside the
 * case: git cannot carry such a link portably, and its target must lie outside the project.
 */
class ErrorCasesTest {
  static final Path ERRORS = TestTrees.sourceResources().resolve("errors");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ERRORS)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /**
   * A finding that the checks make on a bound spec (not the schema check, which points at what was
   * written, known key or not) names a key of the spec's schema, with or without its environment.
   */
  static void namesAKeyOfTheSchema(Diagnostic d) {
    if (!(d.path() instanceof SpecPath path) || EnumSet.of(Code.Family.SHAPE, Code.Family.READING).contains(d.code().family())) {
      return;
    }
    List<Object> elements = path.elements();
    SpecPath key = elements.size() > 2 && elements.get(0).equals("environments")
        ? new SpecPath(elements.subList(2, elements.size())) : path;
    assertThat(SpecSchemaPaths.resolves(key)).as("%s names a key of the spec schema", d.format()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryProblemAndWritesNothing(String name) throws IOException {
    Path caseDir = ERRORS.resolve(name);
    Path output = Files.createTempDirectory("stateforge-errors-");
    Path outside = Files.createTempDirectory("stateforge-outside-");
    Map<String, String> links = CaseRequest.properties(caseDir.resolve("symlinks.properties"));
    try {
      for (Map.Entry<String, String> link : links.entrySet()) {
        Path target = Files.copy(caseDir.resolve(link.getValue()), outside.resolve(Path.of(link.getValue()).getFileName()));
        Files.createSymbolicLink(caseDir.resolve(link.getKey()), target);
      }
      // A previous good build left this tree; a failing build must not change a byte of it.
      Map<String, byte[]> built = Map.of(
          "kustomization.yaml", ("# " + dev.stateforge.emit.RenderedTree.HEADER + "\nresources: []\n").getBytes(StandardCharsets.UTF_8),
          "old-app/base/statefulset.yaml", "kind: StatefulSet\n".getBytes(StandardCharsets.UTF_8));
      Map<String, byte[]> previous = new java.util.TreeMap<>(built);
      previous.put(dev.stateforge.generate.OutputMarker.PATH, dev.stateforge.generate.OutputMarker.of(built, "test").render());
      TestTrees.write(output, previous);

      CompileReport report = new Compiler().build(CaseRequest.of(caseDir, output));

      String actual = report.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n", "", "\n"));
      Path expectedFile = caseDir.resolve("expected.errors");
      if (TestTrees.UPDATE_GOLDENS) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
      assertThat(report.hasErrors()).as("case %s must fail", name).isTrue();
      assertThat(report.diagnostics()).allSatisfy(ErrorCasesTest::namesAKeyOfTheSchema);
      assertThat(report.writeResult()).isEmpty();
      // Only the build's lock file (ignored by Git) may be new.
      java.util.SortedMap<String, byte[]> after = TestTrees.read(output);
      after.remove(".stateforge/lock");
      assertThat(after).containsOnlyKeys(previous.keySet());
      after.forEach((file, bytes) -> assertThat(bytes).isEqualTo(previous.get(file)));
    } finally {
      for (String link : links.keySet()) {
        Files.deleteIfExists(caseDir.resolve(link));
      }
      TestTrees.deleteRecursively(output);
      TestTrees.deleteRecursively(outside);
    }
  }
}
