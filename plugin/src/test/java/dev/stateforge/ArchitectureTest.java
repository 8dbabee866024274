package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler stays free of Maven, and stages only look back up the pipeline: diag, spec, parse,
 * check, generate, verify, emit, report; the pipeline package runs them in order, and the root
 * package holds only the facade types that call it. Every package is covered. Read from the compiled
 * classes' constant pools, so no import trick hides a dependency.
 */
class ArchitectureTest {
  static final Path CLASSES = Path.of("target/classes/dev/stateforge");

  /** Packages each stage may use, besides itself; {@code ""} is the root package, the facade. */
  static final Map<String, List<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", List.of()),
      Map.entry("spec", List.of("diag")),
      Map.entry("parse", List.of("diag", "spec")),
      Map.entry("check", List.of("diag", "spec")),
      Map.entry("generate", List.of("diag", "spec")),
      Map.entry("verify", List.of("diag", "spec", "generate")),
      Map.entry("emit", List.of("diag", "generate")),
      Map.entry("report", List.of("diag", "verify")),
      Map.entry("pipeline", List.of("diag", "spec", "parse", "check", "generate", "verify", "emit", "state")),
      Map.entry("state", List.of("diag", "generate")),
      Map.entry("", List.of("diag", "spec", "parse", "generate", "verify", "emit", "pipeline", "state")),
      Map.entry("maven", List.of("diag", "verify", "report", "emit", "")));

  /** The facade: what the Mojos (and other tools) build a compilation from, and what they get back. */
  static final List<String> FACADE = List.of("CompileReport", "CompileRequest", "Compiler", "GitOpsParameters");

  @Test
  void onlyTheMavenPackageTouchesMaven() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path classFile : classFiles()) {
      String pkg = CLASSES.relativize(classFile).getParent() == null ? "" : CLASSES.relativize(classFile).getName(0).toString();
      if (!pkg.equals("maven") && constantPool(classFile).contains("org/apache/maven/")) {
        offenders.add(CLASSES.relativize(classFile).toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void stagesOnlyReachBackUpThePipeline() throws IOException {
    List<String> offenders = new ArrayList<>();
    List<String> packages = new ArrayList<>(ALLOWED.keySet());
    packages.remove("");
    for (Path classFile : classFiles()) {
      Path relative = CLASSES.relativize(classFile);
      String stage = relative.getNameCount() < 2 ? "" : relative.getName(0).toString();
      List<String> allowed = ALLOWED.get(stage);
      assertThat(allowed).as("package of %s is in ALLOWED", relative).isNotNull();
      String pool = constantPool(classFile);
      for (String other : packages) {
        if (!other.equals(stage) && !allowed.contains(other) && pool.contains("dev/stateforge/" + other + "/")) {
          offenders.add(relative + " uses " + other);
        }
      }
      boolean usesFacade = FACADE.stream().anyMatch(type -> pool.matches("(?s).*dev/stateforge/" + type + "\\b.*"));
      if (!stage.isEmpty() && usesFacade && !allowed.contains("")) {
        offenders.add(relative + " uses the facade");
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** The root package is the facade and nothing else: the glue between stages lives in pipeline. */
  @Test
  void theRootPackageHoldsOnlyTheFacade() throws IOException {
    List<String> root = classFiles().stream()
        .map(CLASSES::relativize)
        .filter(p -> p.getNameCount() == 1)
        .map(p -> p.getFileName().toString().replaceAll("(\\$.*)?\\.class$", ""))
        .distinct()
        .sorted()
        .toList();
    assertThat(root).containsExactlyElementsOf(FACADE);
  }

  @Test
  void theCheckIsNotVacuous() throws IOException {
    assertThat(classFiles()).hasSizeGreaterThan(30);
    Path mojo = CLASSES.resolve("maven/GenerateMojo.class");
    assertThat(constantPool(mojo)).contains("org/apache/maven/");
  }

  static List<Path> classFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(CLASSES)) {
      return walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
  }

  /** Class names appear in the constant pool as plain UTF-8, which is all this check needs. */
  static String constantPool(Path classFile) throws IOException {
    return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
  }
}
