package dev.stateforge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed spec reference page is what the schema renders to, and it covers the schema.
 * Tests run in site/, so the page is src/site/markdown/spec-reference.md.
 */
class SpecReferenceTest {
  static final Path PAGE = Path.of("src/site/markdown/spec-reference.md");

  /** Rewrites the page; -Dtest keeps the plugin's own golden tests (same property) from running. */
  static final String UPDATE_COMMAND =
      "./mvnw -B -pl schema,plugin,site test -Dtest=SpecReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dstateforge.updateGoldens=true";

  static final boolean UPDATE = Boolean.getBoolean("stateforge.updateGoldens");

  @Test
  void theCommittedPageIsAFreshRender() throws IOException {
    String fresh = SpecReference.render();
    if (UPDATE) {
      Files.writeString(PAGE, fresh, StandardCharsets.UTF_8);
    }
    String committed = Files.isRegularFile(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8).replace("\r\n", "\n") : "";
    if (!committed.equals(fresh)) {
      fail("%s is stale: it is not what the schema renders to (%s). Regenerate it from the repository root with%n  %s%nand commit it.",
          PAGE, firstDifference(committed, fresh), UPDATE_COMMAND);
    }
  }

  /** Where two texts part, by line: enough to see what changed without printing both pages. */
  static String firstDifference(String committed, String fresh) {
    List<String> a = committed.lines().toList();
    List<String> b = fresh.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < b.size() ? b.get(i) : "<end of file>";
      if (!left.equals(right)) {
        return String.format("first at line %d: committed \"%s\", fresh \"%s\"", i + 1, left, right);
      }
    }
    return "they differ in line endings only";
  }

  /** Every property of the schema, at any depth, has a row: the renderer skips nothing. */
  @Test
  void everyPropertyHasARow() throws IOException {
    JsonNode schema;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SpecReference.SCHEMA_RESOURCE)) {
      schema = new ObjectMapper().readTree(in);
    }
    String page = SpecReference.render(schema);
    List<String> paths = new ArrayList<>();
    collectPaths(schema, schema, "", paths);
    assertThat(paths).contains("storage.<volume>.size", "probes.readiness.exec.command", "env.<NAME>.secret.key",
        "backup.target.volume.size", "storageClasses.<class>.parameters.<parameter>");
    List<String> missing = paths.stream().filter(p -> !page.contains("| `" + p + "` |")).toList();
    assertThat(missing).as("properties without a row").isEmpty();
  }

  @Test
  void rowsCarryTypeDefaultAndExample() {
    String page = SpecReference.render();
    assertThat(page)
        // A section's own row leaves the description to the paragraph above the table.
        .contains("| `replicas` | integer | `1` | `3` | From 0 to 1000. |")
        // Required unless the volume is an emptyDir: the schema's else branch, which the row says in words.
        .contains("| `storage.<volume>.size` | [quantity](#quantity) |  | `50Gi` | Requested capacity of the claim, for example 50Gi. Required unless")
        // An example taken from an ancestor's: storage's example names the mount path.
        .contains("| `storage.<volume>.mountPath` | string |  | `\"/var/lib/postgresql/data\"` | **Required.** Where")
        .contains("### quantity");
  }

  @Test
  void hoconValues() throws IOException {
    ObjectMapper json = new ObjectMapper();
    assertThat(SpecReference.hocon(json.readTree("\"50Gi\""))).isEqualTo("50Gi");
    assertThat(SpecReference.hocon(json.readTree("\"0 2 * * *\""))).isEqualTo("\"0 2 * * *\"");
    assertThat(SpecReference.hocon(json.readTree("\"true\""))).isEqualTo("\"true\"");
    assertThat(SpecReference.hocon(json.readTree("[\"-c\", \"x=1\"]"))).isEqualTo("[\"-c\", \"x=1\"]");
    assertThat(SpecReference.hocon(json.readTree("{\"a\": {\"port\": 5432}, \"b\": true}")))
        .isEqualTo("{ a { port = 5432 }, b = true }");
    assertThat(SpecReference.hocon(json.readTree("{\"prometheus.io/scrape\": \"true\"}")))
        .isEqualTo("{ \"prometheus.io/scrape\" = \"true\" }");
    assertThat(SpecReference.code("[a](b)|<c>")).isEqualTo("<code>&#91;a&#93;&#40;b&#41;&#124;&lt;c&gt;</code>");
    assertThat(SpecReference.code("^[a-z]$")).isEqualTo("`^[a-z]$`");
    assertThat(SpecReference.text("<name>-0 | *x*")).isEqualTo("&lt;name&gt;-0 \\| \\*x\\*");
  }

  /** Paths as the page writes them, found independently of the renderer. */
  private static void collectPaths(JsonNode schema, JsonNode node, String path, List<String> paths) {
    if (node.has("$ref")) {
      String name = node.path("$ref").asText().substring("#/definitions/".length());
      node = schema.path("definitions").path(name);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> child = it.next();
      String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
      paths.add(childPath);
      collectPaths(schema, child.getValue(), childPath, paths);
    }
    if (node.path("additionalProperties").isObject()) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      String placeholder = SpecReference.placeholder(key);
      paths.add(path + "." + placeholder);
      collectPaths(schema, node.path("additionalProperties"), path + "." + placeholder, paths);
    }
  }
}
