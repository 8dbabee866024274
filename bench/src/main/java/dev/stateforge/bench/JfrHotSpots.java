package dev.stateforge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the method samples of a Flight Recorder file and prints where the compiler's time went, for
 * the samples of one thread taken inside {@code dev.stateforge.Compiler} (the harness's own work, such
 * as deleting the previous output or forcing a GC, is left out and only counted).
 *
 * <ul>
 *   <li><b>CPU view</b>, from {@code jdk.ExecutionSample} (the thread was running Java code): self time
 *       by top frame and by package, time by nearest compiler frame (library time charged to the
 *       Stateforge method that called it), and inclusive time by compiler method (the stages).
 *   <li><b>Wall view</b>, adding {@code jdk.NativeMethodSample} (the thread was in a native method,
 *       mostly file-system calls, running or blocked): the same by nearest compiler frame and
 *       inclusive, plus the native top frames. It shows what file I/O costs on this machine.
 * </ul>
 *
 * <pre>usage: JfrHotSpots FILE.jfr [THREAD (default main) [TOP (default 25)]]</pre>
 */
public final class JfrHotSpots {
  private static final String COMPILER = "dev.stateforge.";
  private static final String BENCH = "dev.stateforge.bench.";
  private static final String FACADE = "dev.stateforge.Compiler";
  private static final String JAVA_SAMPLE = "jdk.ExecutionSample";
  private static final String NATIVE_SAMPLE = "jdk.NativeMethodSample";

  private JfrHotSpots() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: JfrHotSpots FILE.jfr [THREAD (default main) [TOP (default 25)]]");
      System.exit(64);
    }
    print(Path.of(args[0]), args.length >= 2 ? args[1] : "main", args.length == 3 ? Integer.parseInt(args[2]) : 25,
        System.out);
  }

  /** Sample counts by key for one view. */
  private static final class Tally {
    final Map<String, Integer> self = new HashMap<>();
    final Map<String, Integer> packages = new HashMap<>();
    final Map<String, Integer> nearest = new HashMap<>();
    final Map<String, Integer> inclusive = new HashMap<>();
    int samples;

    void add(List<RecordedFrame> frames, boolean isNative) {
      samples++;
      self.merge(name(frames.get(0)) + (isNative ? " [native]" : ""), 1, Integer::sum);
      packages.merge(packageOf(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      String first = null;
      for (RecordedFrame frame : frames) {
        String owner = frame.getMethod().getType().getName();
        if (!owner.startsWith(COMPILER) || owner.startsWith(BENCH)) {
          continue;
        }
        String name = name(frame);
        first = first == null ? name : first;
        if (seen.add(name)) {
          inclusive.merge(name, 1, Integer::sum);
        }
      }
      nearest.merge(first, 1, Integer::sum);
    }
  }

  /** Prints the hot-spot tables of the samples of {@code thread} in {@code file}, {@code top} lines each. */
  public static void print(Path file, String thread, int top, PrintStream out) throws IOException {
    Tally cpu = new Tally();
    Tally wall = new Tally();
    Tally nativeOnly = new Tally();
    int outside = 0;
    int truncated = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      boolean isNative = type.equals(NATIVE_SAMPLE);
      if (!isNative && !type.equals(JAVA_SAMPLE)) {
        continue;
      }
      RecordedThread sampled = event.getThread("sampledThread");
      RecordedStackTrace stack = event.getStackTrace();
      if (sampled == null || !thread.equals(sampled.getJavaName()) || stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      if (frames.stream().noneMatch(f -> f.getMethod().getType().getName().equals(FACADE))) {
        if (stack.isTruncated()) {
          truncated++; // too deep to tell; raise -XX:FlightRecorderOptions:stackdepth
        } else {
          outside++;
        }
        continue;
      }
      wall.add(frames, isNative);
      (isNative ? nativeOnly : cpu).add(frames, isNative);
    }

    out.printf(Locale.ROOT, "Hot spots of thread \"%s\" inside %s, from %s: %,d samples in Java code, %,d in native "
            + "code; left out: %,d outside the compiler (harness), %,d with a truncated stack%n",
        thread, FACADE, file, cpu.samples, nativeOnly.samples, outside, truncated);
    if (wall.samples == 0) {
      out.println("  no samples: run longer (more --iterations), or check the thread name and that JFR recorded");
      return;
    }
    out.println();
    out.println("== CPU view (Java samples) ==");
    table(out, "Self time by top frame", cpu.self, cpu.samples, top);
    table(out, "Self time by package of the top frame", cpu.packages, cpu.samples, top);
    table(out, "Time by nearest compiler frame (library time charged to its Stateforge caller)", cpu.nearest,
        cpu.samples, top);
    table(out, "Inclusive time by compiler method", cpu.inclusive, cpu.samples, top);
    out.println();
    out.println("== Wall view (Java + native samples: file-system calls, running or blocked) ==");
    table(out, "Native top frames", nativeOnly.self, wall.samples, Math.min(top, 10));
    table(out, "Time by nearest compiler frame", wall.nearest, wall.samples, top);
    table(out, "Inclusive time by compiler method", wall.inclusive, wall.samples, top);
  }

  private static void table(PrintStream out, String title, Map<String, Integer> counts, int samples, int top) {
    out.println();
    out.println(title + ":");
    if (samples == 0) {
      out.println("  (no samples)");
      return;
    }
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(e -> out.printf(Locale.ROOT, "  %5.1f%% %,7d  %s%n", 100.0 * e.getValue() / samples, e.getValue(), e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /** The package, cut to three segments (com.fasterxml.jackson, io.fabric8.kubernetes, java.util.regex). */
  private static String packageOf(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    int end = type.lastIndexOf('.');
    String pkg = end < 0 ? "(default package)" : type.substring(0, end);
    String[] parts = pkg.split("\\.");
    return parts.length <= 3 ? pkg : String.join(".", parts[0], parts[1], parts[2]);
  }
}
