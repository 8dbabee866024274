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

/** An environment defined in two files of one spec is an error; every other way of writing environments is not. */
class EnvironmentDuplicatesTest {
  static final String APP = """
      name = app
      image = "postgres:16.4"
      """;

  @TempDir Path project;

  Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  Diagnostics load(Path spec) {
    Diagnostics out = new Diagnostics();
    Optional<LoadedSpec> loaded = new SpecLoader(project, Map.of(), getClass().getClassLoader()).load(spec, out);
    // A duplicate is reported, and the spec still loads, so that its other problems show in the same run.
    assertThat(loaded).isPresent();
    return out;
  }

  @Test
  void anEnvironmentWrittenTwiceInOneFileIsAllowed() throws IOException {
    write("specs/common/storage.conf", "storage { data { mountPath = /data, size = 10Gi } }\n");
    Path spec = write("specs/app.conf", "include \"common/storage.conf\"\n" + APP + """
        environments.prod.replicas = 2
        environments {
          prod { resources.memory = 4Gi }
        }
        """);

    assertThat(load(spec).sorted()).isEmpty();
  }

  @Test
  void differentEnvironmentsInDifferentFilesAreAllowed() throws IOException {
    write("specs/common/environments.conf", "environments { dev { replicas = 1 } }\n");
    write("specs/common/staging.conf", "staging { replicas = 2 }\n");
    Path spec = write("specs/app.conf", "include \"common/environments.conf\"\n" + APP + """
        environments {
          include "common/staging.conf"
          prod { replicas = 5 }
        }
        """);

    assertThat(load(spec).sorted()).isEmpty();
  }

  @Test
  void anIncludeInsideOneEnvironmentIsPartOfItsDefinition() throws IOException {
    write("specs/common/prod-extra.conf", "resources.memory = 4Gi\n");
    Path spec = write("specs/app.conf", APP + """
        environments.prod {
          replicas = 5
          include "common/prod-extra.conf"
        }
        """);

    assertThat(load(spec).sorted()).isEmpty();
  }

  @Test
  void aFileIncludedTwiceDefinesItsEnvironmentsOnce() throws IOException {
    write("specs/common/environments.conf", "environments { prod { replicas = 5 } }\n");
    Path spec = write("specs/app.conf", "include \"common/environments.conf\"\ninclude \"common/environments.conf\"\n" + APP);

    assertThat(load(spec).sorted()).isEmpty();
  }

  @Test
  void reportsTheSpecsOwnDefinitionAfterAnIncludedOne() throws IOException {
    write("specs/common/environments.conf", "# shared\nenvironments {\n  prod { replicas = 5 }\n}\n");
    Path spec = write("specs/app.conf", "include \"common/environments.conf\"\n" + APP + "environments.prod.replicas = 3\n");

    assertThat(load(spec).sorted()).extracting(Diagnostic::format).containsExactly(
        "specs/app.conf:4: error: environments.prod: environment prod is also defined in specs/common/environments.conf:3,"
            + " and HOCON would merge the two key by key [environment-duplicate]\n"
            + "    hint: keep each environment in one file: move these keys into specs/common/environments.conf,"
            + " or move that definition here");
  }

  @Test
  void reportsAnIncludedDefinitionThatComesLaterAtItsOwnLine() throws IOException {
    write("specs/common/environments.conf", "environments.prod { replicas = 5 }\n");
    Path spec = write("specs/app.conf", APP + "environments.prod.replicas = 3\ninclude \"common/environments.conf\"\n");

    assertThat(load(spec).sorted()).singleElement().satisfies(d -> {
      assertThat(d.code().id()).isEqualTo("environment-duplicate");
      assertThat(d.location()).isEqualTo(Location.of("specs/common/environments.conf", 1));
      assertThat(d.path().toString()).isEqualTo("environments.prod");
      assertThat(d.text()).contains("also defined in specs/app.conf:3");
    });
  }

  @Test
  void followsIncludesToAnyDepthAndInsideEnvironments() throws IOException {
    write("specs/common/base.conf", "environments {\n  include \"envs/prod.conf\"\n}\n");
    write("specs/common/envs/prod.conf", "\nprod { replicas = 5 }\n");
    Path spec = write("specs/app.conf", "include \"common/base.conf\"\n" + APP + "environments { prod { replicas = 3 } }\n");

    assertThat(load(spec).sorted()).singleElement().satisfies(d -> {
      assertThat(d.location()).isEqualTo(Location.of("specs/app.conf", 4));
      assertThat(d.text()).contains("also defined in specs/common/envs/prod.conf:2");
    });
  }

  @Test
  void reportsEveryLaterFileAgainstTheFirst() throws IOException {
    write("specs/common/a.conf", "environments.prod.replicas = 1\nenvironments.dev.replicas = 1\n");
    write("specs/common/b.conf", "environments.prod.replicas = 2\nenvironments.dev.replicas = 2\n");
    Path spec = write("specs/app.conf", "include \"common/a.conf\"\ninclude \"common/b.conf\"\n" + APP
        + "environments.prod.replicas = 3\n");

    assertThat(load(spec).sorted()).extracting(d -> d.location() + " " + d.path().toString() + " " + d.text()).containsExactly(
        "specs/app.conf:5 environments.prod environment prod is also defined in specs/common/a.conf:1, and HOCON would merge the two key by key",
        "specs/common/b.conf:1 environments.prod environment prod is also defined in specs/common/a.conf:1, and HOCON would merge the two key by key",
        "specs/common/b.conf:2 environments.dev environment dev is also defined in specs/common/a.conf:2, and HOCON would merge the two key by key");
  }

  @Test
  void aPresetCountsAsAFile() throws IOException {
    Path spec = write("specs/app.conf", "include classpath(\"parse/environments-preset.conf\")\n" + APP
        + "environments { prod { replicas = 3 } }\n");

    assertThat(load(spec).sorted()).singleElement().satisfies(d -> {
      assertThat(d.location()).isEqualTo(Location.of("specs/app.conf", 4));
      assertThat(d.text()).contains("also defined in classpath:parse/environments-preset.conf:3");
    });
  }

  @Test
  void theEnginePresetsDefineNoEnvironment() throws IOException {
    for (String engine : new String[] {"postgres", "mysql", "mongodb", "redis"}) {
      Path spec = write("specs/" + engine + ".conf", "include classpath(\"stateforge/presets/" + engine + ".conf\")\n"
          + APP + "environments { dev { replicas = 1 }, prod { replicas = 3 }, staging { replicas = 2 } }\n");

      assertThat(load(spec).sorted()).as(engine).isEmpty();
    }
  }
}
