package dev.stateforge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What writing a tree costs on a file system with nothing clever: copy the files of a finished build
 * (in memory) into a fresh directory with one {@code createDirectories} per directory and one
 * {@code Files.write} per file. On some disks creating thousands of files dominates the build, and this
 * separates that cost from the compiler's.
 *
 * @param files files written
 * @param directories distinct directories created
 * @param bestMillis the fastest of {@link #ROUNDS} rounds, wall clock
 * @param bestCpuMillis the least thread cpu (user + system) of those rounds
 */
record FileSystemFloor(int files, int directories, double bestMillis, double bestCpuMillis) {
  static final int ROUNDS = 3;

  /** Reads the tree under {@code source}, then writes it {@link #ROUNDS} times under {@code scratch}. */
  static FileSystemFloor measure(Path source, Path scratch) throws IOException {
    Map<String, byte[]> tree = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        tree.put(source.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    int directories = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path root = scratch.resolve("round-" + round);
      Set<Path> made = new HashSet<>();
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (Map.Entry<String, byte[]> file : tree.entrySet()) {
        Path target = root.resolve(file.getKey());
        if (made.add(target.getParent())) {
          Files.createDirectories(target.getParent());
        }
        Files.write(target, file.getValue());
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
      bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
      directories = made.size();
      delete(root);
    }
    delete(scratch);
    return new FileSystemFloor(tree.size(), directories, best, bestCpu);
  }

  private static void delete(Path dir) {
    ScaleRun.deleteRecursively(dir);
  }
}
