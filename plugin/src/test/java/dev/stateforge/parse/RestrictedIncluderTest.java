package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigSyntax;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each branch of the includer, through the loader that installs it: what an include may name (a
 * project file, relative to the including file or with file() to the project; a classpath resource,
 * relative to an including resource), each refusal with its exact message, hint and line, cycles and
 * the depth limit, and JSON includes parsed as JSON. The classpath is a folder of its own.
 */
class RestrictedIncluderTest {
  @TempDir Path project;
  @TempDir Path classes;

  static final String URL_HINT = "copy the file into the project, or use a preset with classpath(\"stateforge/presets/<engine>.conf\")";
  static final String OUTSIDE = "an include may not leave the project directory [include-refused]\n    hint: " + URL_HINT;

  Path write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  Path spec(String text) throws IOException {
    return write(project, "specs/app.conf", text);
  }

  Diagnostics out = new Diagnostics();

  Optional<LoadedSpec> load(Path spec) throws IOException {
    try (URLClassLoader classpath = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      return new SpecLoader(project, Map.of(), classpath).load(spec, out);
    }
  }

  List<String> problems() {
    return out.sorted().stream().map(Diagnostic::format).toList();
  }

  @Test
  void aProjectFileIsIncludedRelativeToTheIncludingFile() throws IOException {
    write(project, "specs/common/ports.conf", "ports.pg.port = 5432\n");
    Optional<LoadedSpec> loaded = load(spec("include \"common/ports.conf\"\nname = app\n"));
    assertThat(problems()).isEmpty();
    assertThat(loaded.orElseThrow().tree().at("/ports/pg/port").asInt()).isEqualTo(5432);
  }

  @Test
  void fileNamesAPathFromTheProjectDirectory() throws IOException {
    write(project, "shared/ports.conf", "ports.pg.port = 5432\n");
    Optional<LoadedSpec> loaded = load(spec("include file(\"shared/ports.conf\")\nname = app\n"));
    assertThat(problems()).isEmpty();
    assertThat(loaded.orElseThrow().tree().at("/ports/pg/port").asInt()).isEqualTo(5432);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "include \"https://example.com/x.conf\" | include a file inside the project, or a preset with classpath(\"stateforge/presets/<engine>.conf\")",
    "include \"http://example.com/x.conf\"  | include a file inside the project, or a preset with classpath(\"stateforge/presets/<engine>.conf\")",
    "include \"file:/etc/hostname\"         | include a file inside the project, or a preset with classpath(\"stateforge/presets/<engine>.conf\")",
    "include url(\"https://example.com/x.conf\") | " + URL_HINT,
  })
  void aUrlIsRefused(String statement, String hint) throws IOException {
    assertThat(load(spec("name = app\n" + statement + "\n"))).isEmpty();
    assertThat(problems()).containsExactly("specs/app.conf:2: error: an include may not name a URL [include-refused]\n    hint: " + hint);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "include \"../../outside.conf\"",
    "include file(\"../outside.conf\")",
    "include file(\"/etc/hostname\")",
  })
  void aFileOutsideTheProjectIsRefused(String statement) throws IOException {
    Files.writeString(project.getParent().resolve("outside.conf"), "name = stolen\n");
    try {
      assertThat(load(spec(statement + "\nname = app\n"))).isEmpty();
      assertThat(problems()).containsExactly("specs/app.conf:1: error: " + OUTSIDE);
    } finally {
      Files.deleteIfExists(project.getParent().resolve("outside.conf"));
    }
  }

  @Test
  void aMissingFileOrAFolderIsRefusedWithItsProjectPath() throws IOException {
    Files.createDirectories(project.resolve("specs/common"));
    assertThat(load(spec("name = app\n\ninclude \"common/ports\"\n"))).isEmpty();
    assertThat(problems()).containsExactly("specs/app.conf:3: error: included file specs/common/ports does not exist [include-refused]\n"
        + "    hint: an include names a file with its extension, relative to the including file");
    out = new Diagnostics();
    assertThat(load(spec("name = app\ninclude \"common\"\n"))).isEmpty();
    assertThat(problems()).containsExactly("specs/app.conf:2: error: included file specs/common does not exist [include-refused]\n"
        + "    hint: an include names a file with its extension, relative to the including file");
  }

  /** Each refusal is at its own statement, also when an earlier statement names a longer path that contains it. */
  @Test
  void aRefusalIsAtTheStatementThatNamesExactlyThatFile() throws IOException {
    Files.createDirectories(project.resolve("specs/common"));
    assertThat(load(spec("name = app\n\ninclude \"common/ports\"\ninclude \"common\"\ninclude \"ports\"\n"))).isEmpty();
    assertThat(problems()).extracting(p -> p.substring(0, p.indexOf(" error:"))).containsExactly(
        "specs/app.conf:3:", "specs/app.conf:4:", "specs/app.conf:5:");
  }

  @Test
  void aResourceIsIncludedWithOrWithoutALeadingSlash() throws IOException {
    write(classes, "team/ports.conf", "ports.pg.port = 5432\n");
    write(classes, "team/size.conf", "storage.data.size = 10Gi\n");
    Optional<LoadedSpec> loaded = load(spec("include classpath(\"team/ports.conf\")\ninclude classpath(\"/team/size.conf\")\nname = app\n"));
    assertThat(problems()).isEmpty();
    assertThat(loaded.orElseThrow().tree().at("/ports/pg/port").asInt()).isEqualTo(5432);
    assertThat(loaded.orElseThrow().tree().at("/storage/data/size").asText()).isEqualTo("10Gi");
    assertThat(loaded.orElseThrow().sourceMap().locate("ports", "pg", "port").file()).isEqualTo("classpath:team/ports.conf");
  }

  @Test
  void aResourceIncludesItsSiblingsByRelativeName() throws IOException {
    write(classes, "team/base.conf", "include \"ports.conf\"\nreplicas = 2\n");
    write(classes, "team/ports.conf", "ports.pg.port = 5432\n");
    write(classes, "top.conf", "include \"team/base.conf\"\n");
    Optional<LoadedSpec> loaded = load(spec("include classpath(\"top.conf\")\nname = app\n"));
    assertThat(problems()).isEmpty();
    assertThat(loaded.orElseThrow().tree().at("/ports/pg/port").asInt()).isEqualTo(5432);
    assertThat(loaded.orElseThrow().tree().at("/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void aMissingResourceIsRefusedAtTheLineOfItsInclude() throws IOException {
    write(classes, "team/base.conf", "# base\ninclude \"gone.conf\"\n");
    assertThat(load(spec("include classpath(\"team/base.conf\")\ninclude classpath(\"nope.conf\")\nname = app\n"))).isEmpty();
    assertThat(problems()).containsExactly(
        "classpath:team/base.conf:2: error: no resource \"team/gone.conf\" on the plugin's classpath [include-refused]\n"
            + "    hint: presets are named like stateforge/presets/postgres.conf",
        "specs/app.conf:2: error: no resource \"nope.conf\" on the plugin's classpath [include-refused]\n"
            + "    hint: presets are named like stateforge/presets/postgres.conf");
  }

  @Test
  void aCycleThroughResourcesNamesTheRoute() throws IOException {
    write(classes, "team/a.conf", "include \"b.conf\"\n");
    write(classes, "team/b.conf", "x = 1\ninclude \"a.conf\"\n");
    assertThat(load(spec("include classpath(\"team/a.conf\")\nname = app\n"))).isEmpty();
    assertThat(problems()).containsExactly("classpath:team/b.conf:2: error: include cycle: specs/app.conf:1 → classpath:team/a.conf:1 → "
        + "classpath:team/b.conf:2 → classpath:team/a.conf [include-cycle]\n"
        + "    hint: a file may not include itself, directly or through other files; move what both need into a third file");
  }

  @Test
  void aFileIncludedTwiceSideBySideIsNoCycle() throws IOException {
    write(project, "specs/common/ports.conf", "ports.pg.port = 5432\n");
    write(project, "specs/common/a.conf", "include \"ports.conf\"\n");
    write(project, "specs/common/b.conf", "include \"ports.conf\"\n");
    assertThat(load(spec("include \"common/a.conf\"\ninclude \"common/b.conf\"\nname = app\n"))).isPresent();
    assertThat(problems()).isEmpty();
  }

  /** Ten nested includes are fine; the eleventh is refused at the statement that goes too deep, with the whole route. */
  @Test
  void includesNestAtMostTenDeep() throws IOException {
    for (int i = 1; i <= 11; i++) {
      write(project, "specs/deep/f" + i + ".conf", (i < 11 ? "include \"f" + (i + 1) + ".conf\"\n" : "") + "level" + i + " = " + i + "\n");
    }
    Path eleven = spec("include \"deep/f1.conf\"\nname = app\n");
    assertThat(load(eleven)).isEmpty();
    String route = "specs/app.conf:1 → " + String.join(" → ", IntStream.rangeClosed(1, 10).mapToObj(i -> "specs/deep/f" + i + ".conf:1").toList())
        + " → specs/deep/f11.conf";
    assertThat(problems()).containsExactly("specs/deep/f10.conf:1: error: includes nest more than 10 deep: " + route + " [spec-limit]\n"
        + "    hint: include the shared files from the spec itself rather than from each other");

    out = new Diagnostics();
    Optional<LoadedSpec> ten = load(write(project, "specs/deep/start.conf", "include \"f2.conf\"\nname = app\n"));
    assertThat(problems()).isEmpty();
    assertThat(ten.orElseThrow().tree().at("/level11").asInt()).isEqualTo(11);
  }

  @Test
  void aJsonIncludeIsReadAsJson() throws IOException {
    write(project, "specs/ports.json", "{\"ports\": {\"pg\": {\"port\": 5432}}}\n");
    write(project, "specs/loose.json", "{ports { pg { port = 1 } }}\n");
    assertThat(load(spec("include \"ports.json\"\nname = app\n"))).hasValueSatisfying(
        l -> assertThat(l.tree().at("/ports/pg/port").asInt()).isEqualTo(5432));
    assertThat(load(spec("include \"loose.json\"\nname = app\n"))).isEmpty();
    assertThat(out.sorted()).singleElement().satisfies(d -> assertThat(d.code().id()).isEqualTo("spec-syntax"));
  }

  @Test
  void theSyntaxFollowsTheExtension() {
    assertThat(RestrictedIncluder.syntaxOf("a/b.json")).isEqualTo(ConfigSyntax.JSON);
    assertThat(RestrictedIncluder.syntaxOf("a/b.conf")).isEqualTo(ConfigSyntax.CONF);
    assertThat(RestrictedIncluder.syntaxOf("a/b.hocon")).isEqualTo(ConfigSyntax.CONF);
  }

  /** Never Lightbend's default includer behind it, which would fetch URLs. */
  @Test
  void itHasNoFallback() {
    RestrictedIncluder includer = new RestrictedIncluder(project, getClass().getClassLoader(),
        RestrictedIncluder.Including.file(project.resolve("specs/app.conf"), "specs/app.conf"), d -> {}, new java.util.HashMap<>());
    assertThat(includer.withFallback(com.typesafe.config.ConfigParseOptions.defaults().getIncluder())).isSameAs(includer);
  }
}
