package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The site's reference pages stay in step with the code registry ({@link Codes}): one page per policy
 * rule and none for a rule that does not exist, each stating the rule's severity as the build prints
 * it, a row per rule in the rules index; one page per other code under {@code diagnostics/}, listed in
 * the diagnostics index in its family's section; every code the test corpora print (error cases,
 * golden cases, validate cases) is in the registry. Tests run in plugin/, so the site's sources are in
 * ../site.
 */
class RuleDocsTest {
  static final Path MARKDOWN = Path.of("../site/src/site/markdown");
  static final Path RULE_PAGES = MARKDOWN.resolve("rules");
  static final Path RULES_INDEX = RULE_PAGES.resolve("index.md");
  static final Path DIAGNOSTIC_PAGES = MARKDOWN.resolve("diagnostics");
  static final Path DIAGNOSTICS_INDEX = DIAGNOSTIC_PAGES.resolve("index.md");
  static final Path TEST_RESOURCES = Path.of("src/test/resources");

  /** The code that ends the first line of a printed diagnostic: {@code …: "50 Gi" is not a quantity [quantity-format]}. */
  static final Pattern PRINTED_CODE =
      Pattern.compile("^(?:\\S.*?: )?(error|warning|note): .*\\[([a-z0-9]+(?:-[a-z0-9]+)*)\\]$");

  /** A row of the diagnostics index: {@code | [`quantity-format`](quantity-format.html) | error | not a Kubernetes quantity |}. */
  static final Pattern INDEX_ROW =
      Pattern.compile("^\\| \\[`([a-z0-9-]+)`\\]\\(((?:\\.\\./rules/)?)([a-z0-9-]+)\\.html\\) \\| ([a-z ]+) \\| (.+) \\|$", Pattern.MULTILINE);

  static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");

  /**
   * Codes that no test corpus prints, each with the reason. Remove a code from here once a case
   * prints it (a test fails until you do). The data-safety guard's codes are not listed: they need a
   * previous output, which the corpora do not have ({@code DataSafetyGuardTest} builds twice
   * instead); nor are the codes of writing the output ({@link Code.Family#OUTPUT}), which every case
   * writes into a fresh folder ({@code CompilerBuildTest} and {@code FileSystemOutputTreeTest} cover them).
   */
  static final Map<String, String> NOT_IN_THE_CORPORA = Map.ofEntries(
      Map.entry("output-recovered", "a note of a build after a killed one; CompilerBuildTest and the output-leftover-staging IT"),
      Map.entry("no-specs", "a warning, and an error case must fail; CompilerBuildTest builds an empty spec directory"),
      Map.entry("kubernetes-version", "needs a kubernetesVersion other than the default, which the corpora never set; KubernetesVersionsTest"),
      Map.entry("kubernetes-version-field", "unreachable from a spec: every field the generators write exists in the oldest supported version (1.33), "
          + "and the corpora cannot set kubernetesVersion; KubernetesVersionsTest feeds OutputSchemaCheck a 1.36-only field"),
      Map.entry("schema", "the fallback for a schema violation without a code of its own; the current schema has none"),
      Map.entry("no-manifest-directory", "the validate cases check folders that exist; the page quotes mvn stateforge:validate"),
      Map.entry("spec-unreadable", "needs a spec that vanishes between listing and reading, or that root cannot read; SpecLoaderTest"),
      Map.entry("yaml-too-large", "a corpus file would have to be over 8 MiB or hold a 1 MiB line; YamlDocumentLimitsTest writes them"));

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
  void everyCodeTheTestCorporaPrintHasAPage() throws IOException {
    Set<String> codes = printedCodes().keySet();
    assertThat(codes).as("codes printed by the test corpora").contains("no-spec-directory", "quantity-format", "pdb-blocks-drain", "yaml-syntax");
    List<String> missing = new ArrayList<>();
    for (String code : codes) {
      if (ruleIds().contains(code)) {
        continue; // a rule's page is under rules/, checked above
      }
      Path page = DIAGNOSTIC_PAGES.resolve(code + ".md");
      if (!Files.isRegularFile(page) || !read(page).startsWith("# " + code + "\n")) {
        missing.add(code);
      }
    }
    assertThat(missing).as("printed codes without a page in %s that starts with \"# <code>\"", DIAGNOSTIC_PAGES).isEmpty();
  }

  @Test
  void everyCodeOfTheRegistryHasAPageAndEveryPageIsACode() throws IOException {
    List<String> codes = Codes.all().stream().filter(c -> c.family() != Code.Family.POLICY).map(Code::id).sorted().toList();
    assertThat(codes).as("codes of the registry").contains("quantity-format", "no-specs", "acknowledgement-unused", "volume-shrink");
    assertThat(diagnosticPages()).as("pages in %s", DIAGNOSTIC_PAGES).containsExactlyElementsOf(codes);
  }

  @Test
  void everyCodeTheTestCorporaPrintIsInTheRegistry() throws IOException {
    assertThat(Codes.all().stream().map(Code::id).toList()).containsAll(printedCodes().keySet());
  }

  /** Codes the corpora never print are the guard's, the output's, or listed with a reason. */
  @Test
  void everyCodeIsPrintedByACorpusOrHasAReason() throws IOException {
    Set<String> printed = printedCodes().keySet();
    List<String> unexplained = Codes.all().stream()
        .filter(c -> c.family() != Code.Family.GUARD && c.family() != Code.Family.OUTPUT)
        .map(Code::id)
        .filter(id -> !printed.contains(id) && !NOT_IN_THE_CORPORA.containsKey(id))
        .sorted()
        .toList();
    assertThat(unexplained).as("codes no corpus prints, without a reason in NOT_IN_THE_CORPORA").isEmpty();
  }

  /** The diagnostics index groups codes by the stage that reports them, as the registry does. */
  @Test
  void theIndexListsEachCodeInItsFamilysSection() throws IOException {
    Map<Code.Family, String> sections = Map.of(
        Code.Family.SPECS, "finding-the-specs", Code.Family.READING, "reading-a-spec", Code.Family.SHAPE, "checking-the-shape",
        Code.Family.SPEC, "checking-one-spec", Code.Family.PROJECT, "checking-all-specs-together",
        Code.Family.OBJECTS, "checking-the-generated-objects", Code.Family.POLICY, "policy-rules",
        Code.Family.GUARD, "data-safety", Code.Family.OUTPUT, "writing-the-output", Code.Family.VALIDATE, "validate-goal");
    Map<String, String> sectionOf = new TreeMap<>();
    String section = "";
    for (String line : read(DIAGNOSTICS_INDEX).split("\n")) {
      Matcher anchor = ANCHOR.matcher(line);
      if (anchor.find()) {
        section = anchor.group(1);
      }
      Matcher row = INDEX_ROW.matcher(line);
      if (row.matches()) {
        sectionOf.put(row.group(1), section);
      }
    }
    for (Code code : Codes.all()) {
      assertThat(sectionOf.get(code.id())).as("section of %s in %s", code.id(), DIAGNOSTICS_INDEX)
          .isEqualTo(sections.get(code.family()));
    }
  }

  /** The allow-list stays small and true: each entry is a code of the registry, has a page, and no corpus prints it. */
  @Test
  void theCodesNotInTheCorporaAreRealAndStillUnprinted() throws IOException {
    Set<String> printed = printedCodes().keySet();
    for (String code : NOT_IN_THE_CORPORA.keySet()) {
      assertThat(printed).as("%s is printed by a test corpus now: remove it from NOT_IN_THE_CORPORA", code).doesNotContain(code);
      assertThat(Codes.byId(code)).as("%s in NOT_IN_THE_CORPORA is a code of the registry", code).isNotNull();
      assertThat(DIAGNOSTIC_PAGES.resolve(code + ".md")).as("page of %s", code).isRegularFile();
    }
  }

  @Test
  void eachPageStartsWithItsCodeAndStatesItsSeverityAsTheIndexDoes() throws IOException {
    Map<String, String> severities = indexRows(false);
    Map<String, Set<String>> printed = printedCodes();
    for (String code : diagnosticPages()) {
      String page = read(DIAGNOSTIC_PAGES.resolve(code + ".md"));
      String severity = severities.get(code);
      assertThat(severity).as("row of %s in %s", code, DIAGNOSTICS_INDEX).isNotNull();
      assertThat(page).as("page of %s", code)
          .startsWith("# " + code + "\n")
          .contains("| `" + code + "` | " + severity + " | ");
      // Acknowledged findings print as notes; any other severity the corpora print must be the documented one.
      for (String label : printed.getOrDefault(code, Set.of())) {
        if (!label.equals("note")) {
          assertThat(severity).as("severity of %s in %s, which the corpora print as %s", code, DIAGNOSTICS_INDEX, label).contains(label);
        }
      }
    }
  }

  @Test
  void theIndexListsEveryPageAndNothingElse() throws IOException {
    Set<String> listed = indexRows(false).keySet();
    assertThat(listed).as("codes listed in %s", DIAGNOSTICS_INDEX).containsExactlyInAnyOrderElementsOf(diagnosticPages());
    String index = read(DIAGNOSTICS_INDEX);
    assertThat(ANCHOR.matcher(index).results().map(m -> m.group(1)).toList())
        .as("anchors in %s", DIAGNOSTICS_INDEX).contains("data-safety", "policy-rules", "validate-goal").doesNotHaveDuplicates();
  }

  @Test
  void theIndexLinksEveryRuleCodeToItsPage() throws IOException {
    String index = read(DIAGNOSTICS_INDEX);
    for (PolicyRule rule : PolicyRules.all()) {
      assertThat(index).as("row of rule %s in %s", rule.id(), DIAGNOSTICS_INDEX)
          .contains("| [`" + rule.id() + "`](../rules/" + rule.id() + ".html) | " + rule.severity().label() + " | " + rule.title() + " |");
    }
    assertThat(indexRows(true).keySet()).as("rule rows in %s", DIAGNOSTICS_INDEX).containsExactlyInAnyOrderElementsOf(ruleIds());
  }

  /** A data-safety code is waived in the spec, and its page shows how; no other page offers an acknowledgement that the schema refuses. */
  @Test
  void onlyTheDataSafetyPagesShowAnAcknowledgement() throws IOException {
    for (String code : diagnosticPages()) {
      String page = read(DIAGNOSTIC_PAGES.resolve(code + ".md"));
      String acknowledgement = "acknowledge { " + code + " = \"";
      if (Codes.byId(code).acknowledgeable()) {
        assertThat(page).as("page of %s shows its acknowledgement", code).contains(acknowledgement);
      } else {
        assertThat(page).as("page of %s, a code that cannot be acknowledged", code).doesNotContain(acknowledgement);
      }
    }
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
    List<Path> pages = new ArrayList<>();
    for (Path folder : List.of(DIAGNOSTIC_PAGES, RULE_PAGES)) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    List<String> stale = new ArrayList<>();
    int quoted = 0;
    for (Path page : pages) {
      boolean quoting = false;
      for (String line : read(page).split("\n")) {
        if (line.startsWith("input/") && PRINTED_CODE.matcher(line).matches()) {
          quoting = true;
        } else if (!(quoting && line.startsWith("    hint: "))) {
          quoting = false;
          continue;
        }
        quoted++;
        if (!printed.contains(line)) {
          stale.add(MARKDOWN.relativize(page) + ": " + line);
        }
      }
    }
    assertThat(quoted).as("lines the pages quote from the test corpora").isGreaterThan(50);
    assertThat(stale).as("lines quoted from the test corpora that no expected file prints any more").isEmpty();
  }

  private static List<String> ruleIds() {
    return PolicyRules.all().stream().map(PolicyRule::id).toList();
  }

  /** The codes of the pages in diagnostics/, without the index. */
  private static List<String> diagnosticPages() throws IOException {
    try (Stream<Path> files = Files.list(DIAGNOSTIC_PAGES)) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals("index.md"))
          .map(name -> name.substring(0, name.length() - ".md".length()))
          .sorted()
          .toList();
    }
  }

  /**
   * The rows of the diagnostics index, code to severity: those that link to a page of diagnostics/,
   * or with {@code rules} those that link to a rule's page. A row's link must name its own code.
   */
  private static Map<String, String> indexRows(boolean rules) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    Matcher m = INDEX_ROW.matcher(read(DIAGNOSTICS_INDEX));
    while (m.find()) {
      assertThat(m.group(3)).as("link of the row of %s in %s", m.group(1), DIAGNOSTICS_INDEX).isEqualTo(m.group(1));
      if (m.group(2).isEmpty() != rules) {
        assertThat(rows.put(m.group(1), m.group(4))).as("rows of %s in %s", m.group(1), DIAGNOSTICS_INDEX).isNull();
      }
    }
    return rows;
  }

  /** Every code the test corpora print, with the severities they print it at. */
  private static Map<String, Set<String>> printedCodes() throws IOException {
    Map<String, Set<String>> codes = new TreeMap<>();
    for (Path expected : expectedOutputs()) {
      for (String line : read(expected).split("\n")) {
        Matcher m = PRINTED_CODE.matcher(line);
        if (m.matches()) {
          codes.computeIfAbsent(m.group(2), c -> new TreeSet<>()).add(m.group(1));
        }
      }
    }
    return codes;
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
