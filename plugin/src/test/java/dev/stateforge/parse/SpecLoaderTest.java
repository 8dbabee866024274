package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
  @TempDir Path project;

  SpecLoader loader() {
    return new SpecLoader(project, Map.of(), getClass().getClassLoader());
  }

  Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void followsRelativeAndClasspathIncludesAndKeepsOrigins() throws IOException {
    write("specs/common/ports.conf", "ports { pg { port = 5432 } }\n");
    Path spec = write("specs/db.conf", """
        include "common/ports.conf"
        include classpath("stateforge/presets/postgres.conf")
        name = db
        """);
    Diagnostics out = new Diagnostics();

    Optional<LoadedSpec> loaded = loader().load(spec, out);

    assertThat(out.sorted()).isEmpty();
    assertThat(loaded).isPresent();
    assertThat(loaded.get().tree().at("/ports/pg/port").asInt()).isEqualTo(5432);
    assertThat(loaded.get().tree().at("/storage/data/mountPath").asText()).isEqualTo("/var/lib/postgresql/data");
    assertThat(loaded.get().sourceMap().locate("ports", "pg", "port")).isEqualTo(Location.of("specs/common/ports.conf", 1));
    assertThat(loaded.get().sourceMap().locate("name")).isEqualTo(Location.of("specs/db.conf", 3));
    assertThat(loaded.get().sourceMap().locate("terminationGracePeriodSeconds").file())
        .isEqualTo("classpath:stateforge/presets/postgres.conf");
    // A path that was never written falls back to its nearest written ancestor.
    assertThat(loaded.get().sourceMap().locate("ports", "pg", "protocol")).isEqualTo(Location.of("specs/common/ports.conf", 1));
  }

  @Test
  void refusesASymlinkThatLeadsOutOfTheProject(@TempDir Path elsewhere) throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("secret.conf"), "name = stolen\n");
    Files.createDirectories(project.resolve("specs"));
    Files.createSymbolicLink(project.resolve("specs/link.conf"), outside);
    Path spec = write("specs/app.conf", "include \"link.conf\"\nname = app\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::format)
        .containsExactly("specs/app.conf:1: error: an include may not leave the project directory [include-refused]\n"
            + "    hint: copy the file into the project, or use a preset with classpath(\"stateforge/presets/<engine>.conf\")");
  }

  @Test
  void reportsARefusedIncludeInsideAnIncludedFileAtItsOwnLine() throws IOException {
    write("specs/common/base.conf", "# shared\n\ninclude url(\"https://example.com/x.conf\")\n");
    Path spec = write("specs/app.conf", "include \"common/base.conf\"\nname = app\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).singleElement()
        .satisfies(d -> assertThat(d.location()).isEqualTo(Location.of("specs/common/base.conf", 3)));
  }

  @Test
  void reportsAMissingPreset() throws IOException {
    Path spec = write("specs/app.conf", "include classpath(\"stateforge/presets/oracle.conf\")\nname = app\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).singleElement().satisfies(d -> {
      assertThat(d.location()).isEqualTo(Location.of("specs/app.conf", 1));
      assertThat(d.message()).contains("stateforge/presets/oracle.conf");
    });
  }

  @Test
  void neverReadsTheSystemEnvironment() throws IOException {
    // PATH is set in every environment; without an explicit allowance it must stay invisible.
    Path spec = write("specs/app.conf", "name = app\nimage = ${PATH}\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();
    assertThat(out.sorted()).singleElement().satisfies(d -> assertThat(d.code()).isEqualTo("substitution-unresolved"));
  }
}
