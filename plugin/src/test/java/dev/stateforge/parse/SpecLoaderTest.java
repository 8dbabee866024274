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
    assertThat(out.sorted()).singleElement().satisfies(d -> assertThat(d.code().id()).isEqualTo("substitution-unresolved"));
  }

  static final String BASE = """
      name = app
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 10Gi } }
      """;

  @Test
  void refusesAFileLargerThanOneMebibyte() throws IOException {
    Path spec = write("specs/app.conf", BASE + "# " + "x".repeat(SpecText.MAX_BYTES) + "\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::format).containsExactly(
        "specs/app.conf: error: the file is larger than 1024 KiB, the most a spec or an included file may hold [spec-limit]\n"
            + "    hint: split it into files that include each other, or move data out of the spec");
  }

  @Test
  void refusesThousandsOfStatementsThatWriteOneKey() throws IOException {
    StringBuilder text = new StringBuilder(BASE);
    for (int i = 0; i < 16_000; i++) {
      text.append("env.V").append(i).append(".value = x\n");
    }
    Path spec = write("specs/app.conf", text.toString());
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    // Statement 1,001 is on line 4 + 1,001: it is refused before Lightbend spends minutes merging them.
    assertThat(out.sorted()).extracting(Diagnostic::format).containsExactly(
        "specs/app.conf:1005: error: \"env\" is written in more than 1000 separate statements in one object, "
            + "which takes minutes to parse [spec-limit]\n"
            + "    hint: write its keys in one block: env { a = …, b = … }");
  }

  @Test
  void takesAThousandStatementsForOneKeyAndAnyNumberInOneBlock() throws IOException {
    StringBuilder text = new StringBuilder(BASE);
    for (int i = 0; i < 1000; i++) {
      text.append("env.A").append(i).append(".value = x\n");
    }
    text.append("ports {\n");
    for (int i = 0; i < 5000; i++) {
      text.append("  p").append(i).append(".port = ").append(1000 + i).append('\n');
    }
    text.append("}\n");
    Path spec = write("specs/app.conf", text.toString());
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isPresent();
    assertThat(out.sorted()).isEmpty();
  }

  @Test
  void refusesSubstitutionsThatExpandExponentially() throws IOException {
    StringBuilder text = new StringBuilder(BASE);
    for (int i = 0; i < 40; i++) {
      text.append("b").append(i).append(" = [${b").append(i + 1).append("}, ${b").append(i + 1).append("}]\n");
    }
    text.append("b40 = x\n");
    Path spec = write("specs/app.conf", text.toString());
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).singleElement().satisfies(d -> {
      assertThat(d.code().id()).isEqualTo("spec-limit");
      assertThat(d.message()).isEqualTo("with its substitutions resolved, the spec would hold more than 100000 values");
      assertThat(d.path().toString()).matches("b\\d+");
      assertThat(d.location().line()).isEqualTo(5 + Integer.parseInt(d.path().toString().substring(1)));
    });
  }

  @Test
  void takesSubstitutionsThatCopyWithinTheLimit() throws IOException {
    Path spec = write("specs/app.conf", BASE + "a = [${b}, ${b}]\nb = [${c}, ${c}]\nc = [1, 2, 3]\ncommand = ${c}\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).hasValueSatisfying(l -> assertThat(l.tree().at("/a/1/0/2").asInt()).isEqualTo(3));
    assertThat(out.sorted()).isEmpty();
  }

  @Test
  void refusesASubstitutionChainDeeperThanTheLimit() throws IOException {
    StringBuilder text = new StringBuilder(BASE);
    for (int i = 0; i < 3000; i++) {
      text.append("c").append(i).append(" = ${c").append(i + 1).append("}\n");
    }
    text.append("c3000 = x\n");
    Path spec = write("specs/app.conf", text.toString());
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).singleElement().satisfies(d -> {
      assertThat(d.code().id()).isEqualTo("spec-limit");
      assertThat(d.message()).isEqualTo("substitutions and nested values reach more than 200 levels deep");
    });
  }

  @Test
  void loadsAFileIncludedManyTimesOver() throws IOException {
    // Nine levels, each including the next twice: 512 paths to the last file (each file is parsed once, and outlined once).
    for (int i = 0; i < 9; i++) {
      write("specs/n" + i + ".inc", "include \"n" + (i + 1) + ".inc\"\ninclude \"n" + (i + 1) + ".inc\"\n");
    }
    write("specs/n9.inc", "environments { dev { replicas = 2 } }\n");
    Path spec = write("specs/app.conf", BASE + "include \"n0.inc\"\nenvironments { prod { replicas = 3 } }\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).hasValueSatisfying(l -> assertThat(l.tree().at("/environments/dev/replicas").asInt()).isEqualTo(2));
    assertThat(out.sorted()).isEmpty();
  }

  @Test
  void reportsAnIncludedFileThatIsNotUtf8AtItsLineAndNeverReplacesTheByte() throws IOException {
    Files.createDirectories(project.resolve("specs/shared"));
    Files.write(project.resolve("specs/shared/x.conf"), new byte[] {'#', '\r', 'a', ' ', '=', ' ', '"', (byte) 0xE9, '"', '\r'});
    Path spec = write("specs/app.conf", BASE + "include \"shared/x.conf\"\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::headline).containsExactly(
        "specs/shared/x.conf:2: error: the file is not UTF-8: byte 0xE9 in column 6 does not start or continue a character [spec-encoding]");
  }

  @Test
  void keepsLineNumbersOfCrOnlyIncludes() throws IOException {
    write("specs/shared/x.conf", "# old Mac\r\rnamespace = data\r");
    Path spec = write("specs/app.conf", BASE + "include \"shared/x.conf\"\n");
    Diagnostics out = new Diagnostics();

    LoadedSpec loaded = loader().load(spec, out).orElseThrow();

    assertThat(loaded.sourceMap().locate("namespace")).isEqualTo(Location.of("specs/shared/x.conf", 3));
  }

  @Test
  void refusesASpecThatLinksOutOfTheProject(@TempDir Path elsewhere) throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("passwd"), "name = \"root:x:0:0\"\n");
    Files.createDirectories(project.resolve("specs"));
    Path link = Files.createSymbolicLink(project.resolve("specs/passwd.conf"), outside);
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(link, out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::headline).containsExactly(
        "specs/passwd.conf: error: the spec is a link to a file outside the project directory, which Stateforge does not read "
            + "[spec-outside-project]");
  }

  @Test
  void followsALinkThatStaysInTheProject() throws IOException {
    Path target = write("shared/app.conf", BASE);
    Files.createDirectories(project.resolve("specs"));
    Path link = Files.createSymbolicLink(project.resolve("specs/app.conf"), target);
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(link, out)).isPresent();
    assertThat(out.sorted()).isEmpty();
  }

  @Test
  void resolvesAppendsInEnvironmentsWithAllowedVariablesAndNeverNamesTheirValues() throws IOException {
    Path spec = write("specs/app.conf", BASE + "command = [postgres]\nenvironments { prod { command += \"-c\" } }\n"
        + "environments.prod.command += ${TAG}\n");
    Diagnostics out = new Diagnostics();

    LoadedSpec loaded = new SpecLoader(project, Map.of("TAG", "s3cr3t-tag"), getClass().getClassLoader()).load(spec, out).orElseThrow();

    assertThat(out.sorted()).isEmpty();
    assertThat(loaded.tree().at("/environments/prod/command").toString()).isEqualTo("[\"-c\",\"s3cr3t-tag\"]");
    // += in an environment appends to the environment's own list; the variables are a fallback, never keys of the spec.
    assertThat(loaded.tree().has("TAG")).isFalse();
  }

  @Test
  void reportsASpecThatCannotBeRead() throws IOException {
    Files.createDirectories(project.resolve("specs"));
    Diagnostics out = new Diagnostics();

    // Listed, then gone before it is read (or not readable by the build).
    assertThat(loader().load(project.resolve("specs/gone.conf"), out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::format).containsExactly(
        "specs/gone.conf: error: the spec cannot be read: no such file exception [spec-unreadable]\n"
            + "    hint: check that the file exists and that the build may read it");
  }

  @Test
  void reportsSubstitutionsThatReferToEachOther() throws IOException {
    Path spec = write("specs/app.conf", BASE + "a = ${b}\nb = ${a}\n");
    Diagnostics out = new Diagnostics();

    assertThat(loader().load(spec, out)).isEmpty();

    assertThat(out.sorted()).extracting(Diagnostic::format).containsExactly(
        "specs/app.conf:6: error: ${a} was part of a cycle of substitutions involving ${b}, ${a}, ${b} [substitution-unresolved]\n"
            + "    hint: substitutions that refer to each other have no value; give one of them a value of its own");
  }
}
