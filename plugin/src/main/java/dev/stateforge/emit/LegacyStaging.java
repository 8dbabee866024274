package dev.stateforge.emit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The sibling staging trees that builds before the marker left beside the output when killed. */
final class LegacyStaging {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private LegacyStaging() {}

  static List<String> clean(Path root) throws IOException {
    Path parent = root.getParent();
    List<String> done = new ArrayList<>();
    if (parent == null || !Files.isDirectory(parent)) {
      return done;
    }
    Pattern name = Pattern.compile(Pattern.quote("." + root.getFileName() + ".stateforge-") + "(new|old)-\\d+");
    List<Path> trees = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        if (name.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry, NOFOLLOW)) {
          trees.add(entry);
        }
      }
    }
    trees.sort(null);
    for (Path tree : trees) {
      // A kill between the two renames of the old swap left the previous output only here; the
      // output directory is missing, or holds nothing but the lock this build just took.
      if (tree.getFileName().toString().contains(".stateforge-old-") && holdsNothing(root)) {
        Files.createDirectories(root);
        moveInto(tree, root);
        done.add("restored the previous output from " + tree.getFileName() + ", left by a build killed while replacing it");
      } else {
        OutputTransaction.deleteTree(tree);
        done.add("removed " + tree.getFileName() + ", a staging tree left by a killed build");
      }
    }
    return done;
  }

  /** Moves the entries of {@code from} into {@code to}, merging folders; a file already there (the lock) stays. */
  private static void moveInto(Path from, Path to) throws IOException {
    try (Stream<Path> entries = Files.list(from)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Path target = to.resolve(entry.getFileName().toString());
        if (!Files.exists(target, NOFOLLOW)) {
          OutputTransaction.move(entry, target);
        } else if (Files.isDirectory(entry, NOFOLLOW) && Files.isDirectory(target, NOFOLLOW)) {
          moveInto(entry, target);
        } else {
          Files.delete(entry);
        }
      }
    }
    Files.delete(from);
  }

  private static boolean holdsNothing(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW)) {
      return true;
    }
    try (Stream<Path> top = Files.walk(root)) {
      return top.filter(p -> !Files.isDirectory(p, NOFOLLOW)).allMatch(p -> p.equals(OutputLock.lockFile(root)));
    }
  }
}
