package dev.stateforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenRunOptionsTest {

  @Test
  void theArchetypesJvmConfigIsMeasuredOnlyWhenAskedFor() {
    assertThat(MavenRun.Options.parse(new String[] {"--apps", "1"}).jvmConfig()).isFalse();
    MavenRun.Options options = MavenRun.Options.parse(new String[] {"--apps", "1", "--jvm-config", "--runs", "5"});
    assertThat(options.jvmConfig()).isTrue();
    assertThat(options.apps()).isEqualTo(List.of(1));
    assertThat(options.runs()).isEqualTo(5);
  }

  @Test
  void anUnknownOptionNamesTheUsage() {
    assertThatThrownBy(() -> MavenRun.Options.parse(new String[] {"--jvm"}))
        .hasMessageContaining("unknown option --jvm").hasMessageContaining("[--jvm-config]");
  }

  @Test
  void theJvmConfigItCopiesIsTheArchetypes() {
    // MavenRun copies this file into each project; the bench runs from the worktree (bench/ or its root)
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("archetype")) ? here : here.getParent();
    assertThat(root.resolve("archetype/src/main/resources/archetype-resources/.mvn/jvm.config")).isRegularFile();
  }
}
