package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Hostile input is input: valid specs, mutated the ways the issue's fuzzing run broke them (flipped
 * bytes, cuts, repeated spans, substitutions, includes, deep brackets, huge numbers, bytes that are
 * not UTF-8, old Mac line breaks), must end in diagnostics or a clean success, never in an exception
 * or a hang. A fixed seed and a bounded number of tries keep the run repeatable and short.
 */
class SpecInputFuzzTest {
  /** Generous: a try takes well under a second; a hang or an exponential blow-up takes minutes. */
  private static final Duration PER_TRY = Duration.ofSeconds(10);

  private static final String SPEC = """
      include classpath("stateforge/presets/postgres.conf")
      include "shared/common.conf"
      name = orders-db
      namespace = data
      image = "postgres:16.4"
      replicas = 3
      resources { cpu = 500m, memory = 1Gi }
      env { TZ.value = "Etc/UTC", DB_PASSWORD { secret { name = orders-db, key = password } } }
      storage {
        data { mountPath = /var/lib/postgresql/data, size = 50Gi, class = standard }
      }
      backup {
        schedule = "0 2 * * *"
        target.volume { size = 100Gi, class = standard }
        keep = 7
      }
      monitoring { }
      environments {
        dev { replicas = 1, storage.data.size = 5Gi, backup.enabled = false }
        prod { resources.memory = 4Gi, backup.schedule = "30 1 * * *" }
      }
      """;

  private static final String COMMON = """
      storageClasses { standard { existing = true } }
      terminationGracePeriodSeconds = 60
      updates { partition = 0 }
      """;

  private static final List<String> INSERTS = List.of(
      "${name}", "${storage}", "${environments.prod}", "${NOPE}", "${?NOPE}", "${replicas}", "${IMAGE_TAG}",
      "\nenvironments.prod.image = ${IMAGE_TAG}${NOPE}\n", "\nenvironments.prod.storage = ${IMAGE_TAG}\n",
      "\ninclude \"shared/common.conf\"\n", "\ninclude \"../../etc/passwd\"\n", "\ninclude \"orders-db.conf\"\n",
      "\ninclude classpath(\"stateforge/presets/postgres.conf\")\n", "\ninclude url(\"http://example.com\")\n",
      "1e400", "-1e309", "1e308", "9223372036854775808", "1.8446744073709552e19", "0.5", "NaN", "-0",
      "\nreplicas = 1e400\n", "\nenvironments.prod.command += ${NOPE}\n", "\na = [${a}, ${a}]\n",
      "{", "}", "[", "]", "\"", "\"\"\"", "=", ":", ",", "+=", "//", "#", "\r", "\n", "\\");

  record Project(String spec, String common) {}

  @Property(tries = 250, seed = "20261203", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void anyMutationEndsInDiagnosticsOrSuccess(@ForAll("mutatedProjects") Project project) throws IOException {
    Path dir = Files.createTempDirectory("stateforge-fuzz-");
    try {
      Path specs = dir.resolve("specs");
      Files.createDirectories(specs.resolve("shared"));
      Files.write(specs.resolve("orders-db.conf"), project.spec().getBytes(StandardCharsets.ISO_8859_1));
      Files.write(specs.resolve("shared/common.conf"), project.common().getBytes(StandardCharsets.ISO_8859_1));
      CompileRequest request = new CompileRequest(dir, specs, dir.resolve("out"), Map.of("IMAGE_TAG", "16.4-secret"));

      CompileReport report = assertTimeoutPreemptively(PER_TRY, () -> new Compiler().compile(request));

      if (report.hasErrors()) {
        assertThat(report.diagnostics()).filteredOn(Diagnostic::isError)
            .allSatisfy(d -> assertThat(d.format()).doesNotContain("16.4-secret").doesNotContain("\tat "));
      } else {
        assertThat(report.renderedTree()).isPresent();
      }
    } finally {
      TestTrees.deleteRecursively(dir);
    }
  }

  @Provide
  Arbitrary<Project> mutatedProjects() {
    Arbitrary<String> spec = mutated(SPEC);
    Arbitrary<String> common = Arbitraries.oneOf(Arbitraries.just(latin1(COMMON)), mutated(COMMON));
    return Combinators.combine(spec, common).as(Project::new);
  }

  /** A text as bytes (held one byte per char, ISO-8859-1), mutated one to three times. */
  private static Arbitrary<String> mutated(String text) {
    Arbitrary<Mutation> one = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 10_000).flatMap(at -> Arbitraries.integers().between(0, 255)
            .map(b -> (Mutation) s -> s.isEmpty() ? s : replace(s, at % s.length(), (char) b.intValue()))),
        Arbitraries.integers().between(0, 10_000).map(at -> (Mutation) s -> s.substring(0, at % (s.length() + 1))),
        Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 200),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 30))
            .as((from, length, at, times) -> (Mutation) s -> duplicate(s, from, length, at, times)),
        Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.of(INSERTS))
            .as((at, insert) -> (Mutation) s -> insert(s, at, latin1(insert))),
        Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 3000),
                Arbitraries.of("[", "{a:", "{\"a\":"))
            .as((at, depth, open) -> (Mutation) s -> insert(s, at,
                open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth))),
        Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90}))
            .as((at, bytes) -> (Mutation) s -> insert(s, at, new String(bytes, StandardCharsets.ISO_8859_1))),
        Arbitraries.just(s -> s.replace('\n', '\r')));
    return one.list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
      String s = latin1(text);
      for (Mutation m : mutations) {
        s = m.apply(s);
      }
      return s;
    });
  }

  @FunctionalInterface
  private interface Mutation {
    String apply(String text);
  }

  private static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String replace(String s, int at, char c) {
    char[] chars = s.toCharArray();
    chars[at] = c;
    return new String(chars);
  }

  private static String insert(String s, int at, String what) {
    int i = at % (s.length() + 1);
    return s.substring(0, i) + what + s.substring(i);
  }

  private static String duplicate(String s, int from, int length, int at, int times) {
    if (s.isEmpty()) {
      return s;
    }
    int start = from % s.length();
    String span = s.substring(start, Math.min(s.length(), start + length));
    char[] copies = new char[span.length() * times];
    for (int i = 0; i < times; i++) {
      span.getChars(0, span.length(), copies, i * span.length());
    }
    return insert(s, at, new String(copies));
  }
}
