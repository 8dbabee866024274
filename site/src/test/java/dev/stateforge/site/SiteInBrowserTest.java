package dev.stateforge.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser looks at the built site (target/site): every page opens in headless Chromium with
 * no console error, no missing file and no broken internal link or anchor, and the landing page and
 * the spec reference are saved as screenshots under target/screenshots/.
 *
 * <p>Not part of {@code ./mvnw verify}: it needs the built site and Chromium. {@code .ci/run} runs it
 * after the build, as
 *
 * <pre>./mvnw -B -pl schema,plugin,site -Pbrowser-test test-compile post-site</pre>
 *
 * which builds the site and then runs this class (the browser-test profile binds it to post-site).
 */
class SiteInBrowserTest {
  static final Path SITE = Path.of("target/site");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  @Test
  void everyPageOfTheBuiltSiteIsClean() throws Exception {
    assertThat(SITE.resolve("index.html"))
        .as("the built site; build it with: ./mvnw -B -pl schema,plugin,site process-classes site")
        .isRegularFile();
    SiteCheck.Result result = SiteCheck.run(SITE, SCREENSHOTS, Set.of("index.html", "spec-reference.html"));
    System.out.printf("[browser] opened %d pages in Chromium, followed %d internal links (%d links to other hosts not followed)%n",
        result.pages().size(), result.internalLinks(), result.externalLinks());
    result.screenshots().forEach(shot -> System.out.println("[browser] screenshot " + shot.toAbsolutePath()));

    assertThat(result.pages()).contains("index.html", "getting-started.html", "spec-reference.html",
        "diagnostics/index.html", "diagnostics/quantity-format.html", "rules/index.html", "generate-mojo.html", "validate-mojo.html");
    assertThat(result.internalLinks()).isGreaterThan(result.pages().size());
    assertThat(result.problems()).as("what a reader of the site would trip over").isEmpty();
    assertThat(result.screenshots()).hasSize(2).allSatisfy(shot -> assertThat(Files.size(shot)).isGreaterThan(10_000));
  }

  /** The check itself: a small site with one of each problem, each of which it must report. */
  @Test
  void theCheckSeesBrokenLinksMissingImagesAndConsoleErrors(@TempDir Path site) throws Exception {
    Files.writeString(site.resolve("index.html"), """
        <!DOCTYPE html>
        <html><head><title>Home</title></head><body>
        <h1 id="top">Home</h1>
        <a href="other.html">fine</a> <a href="other.html#part">fine anchor</a> <a href="#top">fine here</a>
        <a href="missing.html">broken page</a> <a href="other.html#nowhere">broken anchor</a>
        <a href="https://example.invalid/">another host, not followed</a>
        <img src="images/missing.png" alt="missing">
        <script>console.error("boom from the page");</script>
        </body></html>
        """, StandardCharsets.UTF_8);
    Files.writeString(site.resolve("other.html"), """
        <!DOCTYPE html>
        <html><head><title>Other</title><link rel="stylesheet" href="css/missing.css"></head><body>
        <h2 id="part">Part</h2>
        <script>undefinedFunction();</script>
        </body></html>
        """, StandardCharsets.UTF_8);

    SiteCheck.Result result = SiteCheck.run(site, site.resolve("shots"), Set.of("index.html"));
    List<String> problems = result.problems();
    assertThat(result.pages()).containsExactly("index.html", "other.html");
    assertThat(problems).anyMatch(p -> p.startsWith("index.html: broken link to missing.html"));
    assertThat(problems).anyMatch(p -> p.startsWith("index.html: broken link to other.html#nowhere") && p.contains("no anchor \"nowhere\""));
    assertThat(problems).anyMatch(p -> p.startsWith("index.html: image did not render: images/missing.png"));
    assertThat(problems).anyMatch(p -> p.startsWith("index.html: HTTP 404: ") && p.endsWith("/images/missing.png"));
    assertThat(problems).anyMatch(p -> p.startsWith("index.html: console.error: boom from the page"));
    assertThat(problems).anyMatch(p -> p.startsWith("other.html: HTTP 404: ") && p.endsWith("/css/missing.css"));
    assertThat(problems).anyMatch(p -> p.startsWith("other.html: uncaught exception: ReferenceError: undefinedFunction is not defined"));
    assertThat(problems).noneMatch(p -> p.contains("example.invalid") || p.contains("other.html#part") || p.contains("#top"));
    assertThat(result.externalLinks()).isEqualTo(1);
    assertThat(result.screenshots()).singleElement().satisfies(shot -> assertThat(shot).isRegularFile());
  }
}
