package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.TestTrees;
import dev.stateforge.generate.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile input for {@code validate}: the generated goldens, mutated (bytes flipped, cut short, lines
 * deleted or duplicated, huge numbers, deep nesting, alias bombs, invalid UTF-8), must give
 * diagnostics or a clean result, never an exception, within {@link #TIME_BOUND_SECONDS} per file.
 * And a secret put in place of any value is never quoted by a diagnostic. Fixed seeds and a bounded
 * number of tries, so CI runs the same inputs every time.
 */
class ValidateFuzzTest {
  static final int TIME_BOUND_SECONDS = 10;
  static final List<byte[]> SEEDS = seeds();
  static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "validate-fuzz");
    t.setDaemon(true);
    return t;
  });

  enum Kind { FLIP_BYTE, TRUNCATE, DELETE_LINES, DUPLICATE_SPAN, HUGE_NUMBER, DEEP_NESTING, ALIAS_BOMB, INVALID_UTF8, LONG_SCALAR }

  /** One mutation: what, where (a fraction of the file, in millionths) and how much. */
  record Mutation(Kind kind, int where, int size) {}

  @Property(tries = 300, seed = "20261203", shrinking = ShrinkingMode.OFF)
  void validateReportsOrPassesButNeverThrows(
      @ForAll("seedIndex") int seed, @ForAll("mutations") List<Mutation> mutations) throws Exception {
    byte[] content = SEEDS.get(seed);
    for (Mutation m : mutations) {
      content = apply(m, content);
    }
    Path dir = Files.createTempDirectory("stateforge-fuzz-");
    try {
      Files.write(dir.resolve("fuzzed.yaml"), content);
      Future<ManifestValidator.Result> run = RUNNER.submit(() -> new ManifestValidator(dir).validate(dir));
      ManifestValidator.Result result;
      try {
        result = run.get(TIME_BOUND_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        run.cancel(true);
        throw new AssertionError("validate took over " + TIME_BOUND_SECONDS + " s on seed " + seed + " with " + mutations);
      }
      assertThat(result.files()).isEqualTo(1);
    } finally {
      TestTrees.deleteRecursively(dir);
    }
  }

  /** Secret-looking values, each with the part that must never be printed. */
  static final List<List<String>> SECRETS = List.of(
      List.of("postgres://app:Zq8xHunter2@orders-db:5432/orders", "Zq8xHunter2"),
      List.of("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
      List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI"),
      List.of("--password=Zq8xHunter2", "Zq8xHunter2"));

  /**
   * A secret put in place of any value (a kind, a name, a quantity, an env value, a field the schema
   * restricts) is reported wherever it lands, but no message, hint or path quotes it.
   */
  @Property(tries = 150, seed = "20261204", shrinking = ShrinkingMode.OFF)
  void noDiagnosticQuotesASecretValue(
      @ForAll("seedIndex") int seed, @ForAll("where") int where, @ForAll("secretIndex") int secret) throws Exception {
    List<String> chosen = SECRETS.get(secret);
    byte[] content = replaceScalar(SEEDS.get(seed), (int) ((long) where * SEEDS.get(seed).length / 1_000_000), chosen.get(0));
    Path dir = Files.createTempDirectory("stateforge-fuzz-");
    try {
      Files.write(dir.resolve("fuzzed.yaml"), content);
      ManifestValidator.Result result = RUNNER.submit(() -> new ManifestValidator(dir).validate(dir))
          .get(TIME_BOUND_SECONDS, TimeUnit.SECONDS);
      assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.format() + d.path().toString()).doesNotContain(chosen.get(1)));
    } finally {
      TestTrees.deleteRecursively(dir);
    }
  }

  @Provide
  Arbitrary<Integer> where() {
    return Arbitraries.integers().between(0, 999_999);
  }

  @Provide
  Arbitrary<Integer> secretIndex() {
    return Arbitraries.integers().between(0, SECRETS.size() - 1);
  }

  @Provide
  Arbitrary<Integer> seedIndex() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(
            Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 999_999), Arbitraries.integers().between(1, 64))
        .as(Mutation::new)
        .list().ofMinSize(1).ofMaxSize(4);
  }

  static byte[] apply(Mutation m, byte[] in) {
    int at = in.length == 0 ? 0 : (int) ((long) m.where() * in.length / 1_000_000);
    return switch (m.kind()) {
      case FLIP_BYTE -> {
        byte[] out = in.clone();
        if (out.length > 0) {
          out[at] ^= (byte) (1 << (m.size() % 8));
        }
        yield out;
      }
      case TRUNCATE -> Arrays.copyOf(in, at);
      case DELETE_LINES -> lines(in, at, m.size() % 8 + 1, false);
      case DUPLICATE_SPAN -> lines(in, at, m.size() % 16 + 1, true);
      case HUGE_NUMBER -> replaceScalar(in, at, m.size() % 2 == 0 ? "1e400" : "9".repeat(20 + m.size() * 10));
      case DEEP_NESTING -> replaceScalar(in, at, "[".repeat(m.size() * 200) + "1" + "]".repeat(m.size() * 200));
      case ALIAS_BOMB -> concat(in, aliasBomb(m.size() % 12 + 4));
      case INVALID_UTF8 -> insert(in, at, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
      case LONG_SCALAR -> replaceScalar(in, at, "x".repeat(m.size() * 2_000));
    };
  }

  /** The value after the first ": " at or after {@code at}, replaced. */
  static byte[] replaceScalar(byte[] in, int at, String value) {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    int colon = text.indexOf(": ", at);
    if (colon < 0) {
      return concat(in, ("x: " + value + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    int end = text.indexOf('\n', colon);
    end = end < 0 ? text.length() : end;
    return (text.substring(0, colon + 2) + value + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Deletes {@code count} lines from the line at {@code at}, or duplicates them in place. */
  static byte[] lines(byte[] in, int at, int count, boolean duplicate) {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    int end = start;
    for (int i = 0; i < count && end < text.length(); i++) {
      int next = text.indexOf('\n', end);
      end = next < 0 ? text.length() : next + 1;
    }
    String span = text.substring(start, end);
    return (text.substring(0, start) + (duplicate ? span + span : "") + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The billion-laughs shape: each level refers to the previous one ten times. */
  static byte[] aliasBomb(int levels) {
    StringBuilder out = new StringBuilder("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\nx:\n  l0: &l0 [lol]\n");
    for (int i = 1; i < levels; i++) {
      out.append("  l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        out.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      out.append("]\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] insert(byte[] in, int at, byte[] bytes) {
    byte[] out = new byte[in.length + bytes.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    System.arraycopy(in, at, out, at + bytes.length, in.length - at);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    return insert(a, a.length, b);
  }

  /** Every generated golden YAML file, without the header that would make validate skip it. */
  static List<byte[]> seeds() {
    String header = "# " + ProjectLayout.HEADER;
    try (Stream<Path> walk = Files.walk(TestTrees.sourceResources().resolve("cases"))) {
      List<byte[]> seeds = new ArrayList<>();
      for (Path file : walk.filter(p -> p.toString().endsWith(".yaml") && p.toString().contains("/expected/")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        seeds.add((text.startsWith(header) ? text.substring(text.indexOf('\n') + 1) : text).getBytes(StandardCharsets.UTF_8));
      }
      return List.copyOf(seeds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void stop() {
    RUNNER.shutdownNow();
  }
}
