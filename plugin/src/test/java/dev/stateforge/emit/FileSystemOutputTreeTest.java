package dev.stateforge.emit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileSystemOutputTreeTest {
  static final Path ROOT = Path.of("/tmp/out").toAbsolutePath();

  @Test
  void refusesPathsThatLeaveTheOutputDirectory() {
    for (String bad : new String[] {"../evil.yaml", "a/../../evil.yaml", "/etc/passwd", "", "."}) {
      assertThatThrownBy(() -> FileSystemOutputTree.resolveInside(ROOT, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("escapes");
    }
  }

  @Test
  void acceptsNestedPaths() {
    org.assertj.core.api.Assertions.assertThat(FileSystemOutputTree.resolveInside(ROOT, "app/base/statefulset.yaml"))
        .isEqualTo(ROOT.resolve("app/base/statefulset.yaml"));
  }
}
