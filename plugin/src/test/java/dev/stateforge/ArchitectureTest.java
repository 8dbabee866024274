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
 * check, generate, verify, emit. Read from the compiled classes' constant pools, so no import trick hides a
 * dependency.
 */
class ArchitectureTest {
  static final Path CLASSES = Path.of("target/classes/dev/stateforge");

  /** Packages each stage may use, besides itself. */
  static final Map<String, List<String>> ALLOWED = Map.of(
      "diag", List.of(),
      "spec", List.of("diag"),
      "parse", List.of("diag", "spec"),
      "check", List.of("diag", "spec"),
      "generate", List.of("diag", "spec"),
      "verify", List.of("diag", "spec", "generate"),
      "emit", List.of("diag", "generate"),
      "report", List.of("diag", "verify"));

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
    for (Path classFile : classFiles()) {
      Path relative = CLASSES.relativize(classFile);
      if (relative.getNameCount() < 2) {
        continue; // the facade in the root package may use every stage
      }
      String stage = relative.getName(0).toString();
      List<String> allowed = ALLOWED.get(stage);
      if (allowed == null) {
        continue; // maven: the plumbing layer
      }
      String pool = constantPool(classFile);
      for (String other : List.of("diag", "spec", "parse", "check", "generate", "verify", "emit", "report", "maven")) {
        if (!other.equals(stage) && !allowed.contains(other) && pool.contains("dev/stateforge/" + other + "/")) {
          offenders.add(relative + " uses " + other);
        }
      }
      if (pool.matches("(?s).*dev/stateforge/(Compiler|CompileRequest|CompileReport)\\b.*")) {
        offenders.add(relative + " uses the facade");
      }
    }
    assertThat(offenders).isEmpty();
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
