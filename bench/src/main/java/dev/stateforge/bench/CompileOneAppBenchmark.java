package dev.stateforge.bench;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory compile of a one-app project ({@link Compiler#compile}: parse, schema check, bind,
 * rules, generate, render; nothing written), one benchmark per kind of synthetic spec.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench exec:exec -Dbench.main=org.openjdk.jmh.Main -Dbench.args=CompileOneApp}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileOneAppBenchmark {

  /** The index of the synthetic spec: 0 postgres (preset), 1 redis (JSON), 2 kafka (no preset), 3 postgres + wal. */
  @Param({"0", "1", "2", "3"})
  public int spec;

  private Path project;
  private CompileRequest request;
  private Compiler compiler;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    project = Files.createTempDirectory("stateforge-jmh-");
    Path specs = project.resolve(SyntheticProject.SPEC_DIRECTORY);
    Files.createDirectories(specs.resolve("common"));
    Files.writeString(specs.resolve("common/storage-classes.conf"), SyntheticProject.sharedClasses());
    SyntheticProject.Spec one = SyntheticProject.spec(spec);
    Files.writeString(specs.resolve(one.fileName()), one.text());
    request = new CompileRequest(project, specs, project.resolve("out"), Map.of());
    compiler = new Compiler();
    CompileReport check = compiler.compile(request);
    if (check.hasErrors() || check.renderedTree().isEmpty()) {
      throw new IllegalStateException("the synthetic spec does not compile: " + check.diagnostics());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public CompileReport compileOneApp() throws IOException {
    return compiler.compile(request);
  }
}
