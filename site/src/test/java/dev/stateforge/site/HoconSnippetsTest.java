package dev.stateforge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```hocon} block of the site's pages (src/site/markdown, all folders) and of the
 * repository's README.md is a spec that compiles with no error, as {@code mvn package} would compile
 * it: the plugin's own compiler, in a scratch project.
 *
 * <p>The convention, also in site/README.md:
 *
 * <ul>
 *   <li>A piece of a spec (a few keys, a file that specs include) is marked as a fragment and is not
 *       compiled: with a first line {@code # fragment} (a comment that stays visible), or with
 *       {@code <!-- fragment -->} on the line before the fence (invisible on the page).
 *   <li>A mistake shown on purpose is marked {@code # invalid} or {@code <!-- invalid -->} the same
 *       way: it must fail to compile, so the page cannot go on showing an error that is no longer one.
 *       The HTML comment keeps the block's lines where the page quotes line numbers of the output.
 * </ul>
 *
 * Warnings and notes are fine everywhere.
 *
 * <p>A spec may include the example specs' shared fragment, {@code include "common/storage-classes.conf"}:
 * the scratch project has the examples module's {@code common/} folder next to the spec. Tests run
 * in site/, so the pages are src/site/markdown and the README is ../README.md.
 */
class HoconSnippetsTest {
  static final Path MARKDOWN = Path.of("src/site/markdown");
  static final Path README = Path.of("../README.md");
  static final Path SHARED_FRAGMENTS = Path.of("../examples/src/main/stateforge/common");

  private static final Pattern OPEN = Pattern.compile("^(\\s*)```hocon\\s*$");
  private static final Pattern CLOSE = Pattern.compile("^\\s*```\\s*$");

  enum Kind { SPEC, FRAGMENT, INVALID }

  /** @param marker the HTML comment on the line before the fence, or "" */
  record Snippet(Path page, int line, String text, String marker) {
    Kind kind() {
      String first = text.strip().lines().findFirst().orElse("").strip();
      if (first.startsWith("# fragment") || marker.equals("<!-- fragment -->")) {
        return Kind.FRAGMENT;
      }
      return first.startsWith("# invalid") || marker.equals("<!-- invalid -->") ? Kind.INVALID : Kind.SPEC;
    }

    @Override
    public String toString() {
      return page + ":" + line;
    }
  }

  @TempDir Path scratch;

  @TestFactory
  Stream<DynamicTest> everyHoconSnippetCompiles() throws IOException {
    List<Snippet> snippets = snippets();
    return snippets.stream()
        .filter(s -> s.kind() != Kind.FRAGMENT)
        .map(s -> DynamicTest.dynamicTest(s.toString(), () -> check(s)));
  }

  @Test
  void thePagesHaveSnippetsAndMostCompile() throws IOException {
    List<Snippet> snippets = snippets();
    long specs = snippets.stream().filter(s -> s.kind() == Kind.SPEC).count();
    assertThat(specs).as("hocon blocks compiled as whole specs").isGreaterThanOrEqualTo(5);
    assertThat(snippets).as("the README's spec").anyMatch(s -> s.page().equals(README) && s.kind() == Kind.SPEC);
  }

  @Test
  void extraction() {
    List<Snippet> found = extract(Path.of("page.md"), """
        text
        ```hocon
        name = a
        ```
        - item

          ```hocon
          # fragment
          x = 1
          ```
        ```yaml
        a: b
        ```
        <!-- invalid -->
        ```hocon
        name = {
        ```
        """);
    assertThat(found).extracting(Snippet::line).containsExactly(2, 7, 15);
    assertThat(found.get(0).text()).isEqualTo("name = a\n");
    assertThat(found.get(0).kind()).isEqualTo(Kind.SPEC);
    assertThat(found.get(1).text()).isEqualTo("# fragment\nx = 1\n");
    assertThat(found.get(1).kind()).isEqualTo(Kind.FRAGMENT);
    assertThat(found.get(2).kind()).isEqualTo(Kind.INVALID);
  }

  private void check(Snippet snippet) throws IOException {
    Path project = Files.createTempDirectory(scratch, "snippet");
    Path specs = project.resolve("src/main/stateforge");
    Files.createDirectories(specs.resolve("common"));
    try (Stream<Path> shared = Files.list(SHARED_FRAGMENTS)) {
      for (Path fragment : shared.toList()) {
        Files.copy(fragment, specs.resolve("common").resolve(fragment.getFileName()));
      }
    }
    Files.writeString(specs.resolve("snippet.conf"), snippet.text(), StandardCharsets.UTF_8);
    CompileReport report = new Compiler().compile(
        new CompileRequest(project, specs, project.resolve("target/stateforge"), Map.of()));
    List<String> errors = report.diagnostics().stream().filter(Diagnostic::isError).map(HoconSnippetsTest::format).toList();
    if (snippet.kind() == Kind.INVALID) {
      assertThat(errors).as("%s is marked '# invalid' but compiles without error", snippet).isNotEmpty();
      return;
    }
    assertThat(report.specFiles()).isEqualTo(1);
    assertThat(errors)
        .as("the hocon block at %s does not compile (mark a piece of a spec with a first line '# fragment', "
            + "a mistake shown on purpose with '# invalid'):%n%s", snippet, snippet.text())
        .isEmpty();
  }

  private static String format(Diagnostic d) {
    return d.location() + ": " + d.severity() + ": " + (d.path().isEmpty() ? "" : d.path() + ": ")
        + d.text() + " [" + d.code() + "]";
  }

  static List<Snippet> snippets() throws IOException {
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MARKDOWN)) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    pages.add(README);
    List<Snippet> snippets = new ArrayList<>();
    for (Path page : pages) {
      snippets.addAll(extract(page, Files.readString(page, StandardCharsets.UTF_8)));
    }
    return snippets;
  }

  /** The hocon fenced blocks of a page, each with the line of its opening fence, indentation removed. */
  static List<Snippet> extract(Path page, String markdown) {
    List<Snippet> found = new ArrayList<>();
    List<String> lines = markdown.replace("\r\n", "\n").lines().collect(Collectors.toList());
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int indent = open.group(1).length();
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size() && !CLOSE.matcher(lines.get(j)).matches(); j++) {
        String line = lines.get(j);
        int strip = Math.min(indent, line.length() - line.stripLeading().length());
        text.append(line.substring(strip)).append('\n');
      }
      String marker = i > 0 ? lines.get(i - 1).strip() : "";
      found.add(new Snippet(page, i + 1, text.toString(), marker));
      i = j;
    }
    return found;
  }
}
