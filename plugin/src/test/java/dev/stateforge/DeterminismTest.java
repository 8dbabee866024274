package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same specs, same bytes: twice in one JVM, and in a separate JVM with a far-off time zone, a
 * Turkish locale (where "i".toUpperCase() is not "I") and CRLF as the platform line separator.
 */
class DeterminismTest {
  static final Path CASE = GoldenCasesTest.CASES.resolve("full-options");

  @Test
  void compilingTwiceGivesTheSameBytes() throws Exception {
    SortedMap<String, byte[]> first = GoldenCasesTest.compile(CASE).tree().files();
    SortedMap<String, byte[]> second = GoldenCasesTest.compile(CASE).tree().files();
    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    first.forEach((file, bytes) -> assertThat(second.get(file)).as(file).isEqualTo(bytes));
  }

  @Test
  void foreignTimeZoneLocaleAndLineSeparatorGiveTheSameBytes(@TempDir Path out) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.timezone=Pacific/Kiritimati");
    command.add("-Duser.language=tr");
    command.add("-Duser.country=TR");
    command.add("-Dfile.encoding=ISO-8859-9");
    command.add("-Dline.separator=\r\n");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForeignBuild.class.getName());
    command.add(CASE.toString());
    command.add(out.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    assertThat(log).contains("locale=tr_TR").contains("zone=Pacific/Kiritimati").contains("crlf=true");

    SortedMap<String, byte[]> here = GoldenCasesTest.compile(CASE).tree().files();
    SortedMap<String, byte[]> there = TestTrees.read(out);
    there.remove(".stateforge/lock"); // the build's lock (its process id), not output
    assertThat(there.keySet()).containsExactlyElementsOf(here.keySet());
    here.forEach((file, bytes) -> assertThat(there.get(file)).as(file).isEqualTo(bytes));
  }

  /** Runs in the foreign JVM: compiles a case and writes the tree. */
  public static final class ForeignBuild {
    public static void main(String[] args) throws Exception {
      Path caseDir = Path.of(args[0]);
      CompileReport report = new Compiler().build(
          CaseRequest.of(caseDir, Path.of(args[1])));
      if (report.hasErrors()) {
        report.diagnostics().forEach(System.out::println);
        System.exit(1);
      }
      System.out.println("locale=" + java.util.Locale.getDefault() + " zone=" + java.util.TimeZone.getDefault().getID()
          + " crlf=" + System.lineSeparator().equals("\r\n") + " sep=" + File.separator);
    }
  }
}
