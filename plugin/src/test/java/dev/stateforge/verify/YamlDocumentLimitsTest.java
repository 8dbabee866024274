package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files too large to be manifests are refused before parsing, with the file and line. */
class YamlDocumentLimitsTest {
  @TempDir Path dir;

  @Test
  void aFileOverTheLimitIsRefusedUnread() throws Exception {
    String big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: " + "a".repeat(10_000_000) + "\n";
    List<Diagnostic> out = new ArrayList<>();
    assertThat(YamlDocument.parse("big.yaml", big.getBytes(StandardCharsets.UTF_8), out::add)).isEmpty();
    assertThat(out).extracting(Diagnostic::format).containsExactly(
        "big.yaml: error: the file has 10000065 bytes; Stateforge reads YAML files of at most 8388608 bytes [yaml-too-large]");
  }

  @Test
  void validateDoesNotReadAFileOverTheLimit() throws Exception {
    try (var channel = java.nio.channels.FileChannel.open(dir.resolve("huge.yaml"),
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), 3L * 1024 * 1024 * 1024); // sparse: 3 GiB, beyond any heap here
    }
    ManifestValidator.Result result = new ManifestValidator(dir).validate(dir);
    assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
        "huge.yaml: error: the file has 3221225473 bytes; Stateforge reads YAML files of at most 8388608 bytes [yaml-too-large]");
    assertThat(result.files()).isEqualTo(1);
  }

  @Test
  void aLineOverTheLimitIsRefusedAtItsLine() throws Exception {
    Files.writeString(dir.resolve("blob.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  k: " + "a".repeat(2_000_000) + "\n");
    ManifestValidator.Result result = new ManifestValidator(dir).validate(dir);
    assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
        "blob.yaml:6: error: line 6 has 2000005 bytes; Stateforge reads lines of at most 1048576 (a ConfigMap or Secret holds at most 1 MiB) [yaml-too-large]");
  }

  @Test
  void aLineJustUnderTheLimitIsRead() throws Exception {
    String value = "a".repeat(YamlDocument.MAX_LINE_CHARS - 10);
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  k: " + value + "\n";
    List<Diagnostic> out = new ArrayList<>();
    List<YamlDocument> documents = YamlDocument.parse("ok.yaml", yaml.getBytes(StandardCharsets.UTF_8), out::add);
    assertThat(out).isEmpty();
    assertThat(documents).singleElement().satisfies(d -> assertThat(d.tree().at("/data/k").asText()).isEqualTo(value));
  }
}
