package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The site's reference pages stay in step with the code: one page per policy rule and none for a
 * rule that does not exist, each stating the rule's severity as the build prints it, a row per rule
 * in the rules index, and an anchor on the diagnostics page for every code that the test corpora
 * print (error cases, golden cases, validate cases). Tests run in plugin/, so the site's sources
 * are in ../site.
 */
class RuleDocsTest {
  static final Path MARKDOWN = Path.of("../site/src/site/markdown");
  static final Path RULE_PAGES = MARKDOWN.resolve("rules");
  static final Path RULES_INDEX = RULE_PAGES.resolve("index.md");
  static final Path ERRORS_PAGE = MARKDOWN.resolve("errors.md");
  static final Path TEST_RESOURCES = Path.of("src/test/resources");

  /** The code that ends the first line of a printed diagnostic: {@code …: "50 Gi" is not a quantity [quantity-format]}. */
  static final Pattern PRINTED_CODE =
      Pattern.compile("^(?:\\S.*: )?(?:error|warning|note): .*\\[([a-z0-9]+(?:-[a-z0-9]+)*)\\]$");

  static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");

  @Test
  void everyRuleHasAPage() {
    List<String> missing = ruleIds().stream()
        .filter(id -> !Files.isRegularFile(RULE_PAGES.resolve(id + ".md")))
        .toList();
    assertThat(missing).as("rules without a page in %s", RULE_PAGES).isEmpty();
  }

  @Test
  void everyPageIsARule() throws IOException {
    List<String> pages;
    try (Stream<Path> files = Files.list(RULE_PAGES)) {
      pages = files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals("index.md"))
          .map(name -> name.substring(0, name.length() - ".md".length()))
          .sorted()
          .toList();
    }
    assertThat(pages).as("pages in %s", RULE_PAGES).isNotEmpty();
    assertThat(ruleIds()).as("rule ids that the pages in %s document", RULE_PAGES).containsAll(pages);
  }

  @Test
  void eachPageStatesTheRuleAsTheBuildPrintsIt() throws IOException {
    for (PolicyRule rule : PolicyRules.all()) {
      String label = rule.severity().label();
      String page = read(RULE_PAGES.resolve(rule.id() + ".md"));
      assertThat(page).as("page of %s", rule.id())
          .startsWith("# " + rule.id() + "\n")
          .contains("| `" + rule.id() + "` | " + label + " | " + rule.title() + " |");
      // The example shows a finding of this rule at its severity, in the printed format.
      Pattern example = Pattern.compile(
          "^(?:\\[[A-Z]+\\] )?\\S+:\\d+: " + Pattern.quote(label) + ": .* \\[" + Pattern.quote(rule.id()) + "\\]$",
          Pattern.MULTILINE);
      assertThat(example.matcher(page).find())
          .as("page of %s shows an example finding \"file:line: %s: … [%s]\"", rule.id(), label, rule.id())
          .isTrue();
    }
  }

  @Test
  void theIndexListsEveryRuleWithItsSeverityAndTitle() throws IOException {
    String index = read(RULES_INDEX);
    for (PolicyRule rule : PolicyRules.all()) {
      assertThat(index).as("row of %s in %s", rule.id(), RULES_INDEX)
          .contains("| [`" + rule.id() + "`](" + rule.id() + ".html) | " + rule.severity().label() + " | " + rule.title() + " |");
    }
  }

  @Test
  void everyCodeTheTestCorporaPrintHasAnAnchor() throws IOException {
    Set<String> codes = new TreeSet<>();
    for (Path expected : expectedOutputs()) {
      for (String line : read(expected).split("\n")) {
        Matcher m = PRINTED_CODE.matcher(line);
        if (m.matches()) {
          codes.add(m.group(1));
        }
      }
    }
    assertThat(codes).as("codes printed by the test corpora").contains("no-spec-directory", "quantity-format", "pdb-blocks-drain", "yaml-syntax");
    assertThat(anchors()).as("anchors in %s", ERRORS_PAGE).containsAll(codes);
  }

  /**
   * Output that a page quotes from the test corpora (lines that start with {@code input/}, and the
   * hint under each) is still printed word for word, so the pages change when the messages do.
   */
  @Test
  void outputQuotedFromTheTestCorporaIsStillPrinted() throws IOException {
    Set<String> printed = new TreeSet<>();
    for (Path expected : expectedOutputs()) {
      printed.addAll(List.of(read(expected).split("\n")));
    }
    List<Path> pages = new ArrayList<>(List.of(ERRORS_PAGE));
    try (Stream<Path> files = Files.list(RULE_PAGES)) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> stale = new ArrayList<>();
    for (Path page : pages) {
      boolean quoting = false;
      for (String line : read(page).split("\n")) {
        if (line.startsWith("input/") && PRINTED_CODE.matcher(line).matches()) {
          quoting = true;
        } else if (!(quoting && line.startsWith("    hint: "))) {
          quoting = false;
          continue;
        }
        if (!printed.contains(line)) {
          stale.add(page.getFileName() + ": " + line);
        }
      }
    }
    assertThat(stale).as("lines quoted from the test corpora that no expected file prints any more").isEmpty();
  }

  @Test
  void theDiagnosticsPageLinksEveryRuleCodeToItsPage() throws IOException {
    String errors = read(ERRORS_PAGE);
    for (String id : ruleIds()) {
      assertThat(anchors()).as("anchor of rule %s in %s", id, ERRORS_PAGE).contains(id);
      assertThat(errors).as("link to the page of rule %s in %s", id, ERRORS_PAGE).contains("](rules/" + id + ".html)");
    }
  }

  @Test
  void anchorsAreUnique() throws IOException {
    List<String> anchors = anchors();
    assertThat(anchors).as("anchors in %s", ERRORS_PAGE).doesNotHaveDuplicates();
  }

  private static List<String> ruleIds() {
    return PolicyRules.all().stream().map(PolicyRule::id).toList();
  }

  private static List<String> anchors() throws IOException {
    List<String> anchors = new ArrayList<>();
    Matcher m = ANCHOR.matcher(read(ERRORS_PAGE));
    while (m.find()) {
      anchors.add(m.group(1));
    }
    return anchors;
  }

  /** The {@code expected.errors} of every error case, and the {@code expected.diagnostics} of every golden and validate case. */
  private static List<Path> expectedOutputs() throws IOException {
    List<Path> files = new ArrayList<>();
    String[][] corpora = {{"errors", "expected.errors"}, {"cases", "expected.diagnostics"}, {"validate", "expected.diagnostics"}};
    for (String[] corpus : corpora) {
      try (Stream<Path> dirs = Files.list(TEST_RESOURCES.resolve(corpus[0]))) {
        dirs.map(d -> d.resolve(corpus[1])).filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    assertThat(files).as("expected outputs under %s", TEST_RESOURCES).isNotEmpty();
    return files;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }
}
