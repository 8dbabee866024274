package dev.stateforge.schema.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stateforge.schema.build.KubernetesSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed schemas are exactly what the generator makes from the pinned client jars and the
 * hand-kept inputs, byte for byte, so a Kubernetes bump or an overlay edit is a reviewable diff.
 */
class KubernetesSchemaGeneratorTest {
  static final Path CLIENTS = Path.of(System.getProperty("stateforge.kubernetes.clients", "target/kubernetes-clients"));
  static final Path INPUTS = Path.of(System.getProperty("stateforge.kubernetes.inputs", "src/build/kubernetes"));
  static final Path RESOURCES = Path.of(System.getProperty("stateforge.kubernetes.resources", "src/main/resources"));
  static final String FIX = "./mvnw -B -pl schema -Pupdate-kubernetes-schemas verify";

  static SortedMap<String, byte[]> generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = KubernetesSchemaGenerator.generate(CLIENTS, INPUTS);
  }

  @Test
  void committedSchemasMatchAFreshGeneration() throws IOException {
    SortedMap<String, byte[]> committed = new TreeMap<>();
    try (Stream<Path> files = Files.walk(RESOURCES.resolve(KubernetesSchemaGenerator.RESOURCE_ROOT))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        committed.put(RESOURCES.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    List<String> stale = new ArrayList<>();
    generated.forEach((name, bytes) -> {
      if (!Arrays.equals(bytes, committed.get(name))) {
        stale.add(committed.containsKey(name) ? "changed: " + name : "missing: " + name);
      }
    });
    committed.keySet().stream().filter(name -> !generated.containsKey(name)).forEach(name -> stale.add("extra: " + name));
    assertThat(stale).as("schema/src/main/resources is stale; regenerate with: %s", FIX).isEmpty();
  }

  @Test
  void writesTheSameBytesUnderAnotherLocaleAndTimeZone() throws IOException {
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    SortedMap<String, byte[]> foreign;
    try {
      // Turkish lower-cases "I" to a dotless i: StatefulSet file names would change under Locale-sensitive code.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      foreign = KubernetesSchemaGenerator.generate(CLIENTS, INPUTS);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    assertThat(foreign.keySet()).isEqualTo(generated.keySet());
    foreign.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(generated.get(name)));
  }

  @Test
  void writesLfOnlyUtf8WithOneTrailingNewline() {
    generated.forEach((name, bytes) -> {
      String text = new String(bytes, UTF_8);
      assertThat(text).as(name).doesNotContain("\r").endsWith("}\n").doesNotEndWith("\n\n");
    });
  }

  @Test
  void anEnumForAFieldThatDoesNotExistFailsGeneration(@TempDir Path inputs) throws IOException {
    copy(INPUTS, inputs);
    Path overlay = inputs.resolve("enum-overlay.json");
    Files.writeString(overlay, Files.readString(overlay).replace("\"podManagementPolicy\"", "\"podManagmentPolicy\""));

    assertThatThrownBy(() -> KubernetesSchemaGenerator.generate(CLIENTS, inputs))
        .hasMessageContaining("V1StatefulSetSpec.podManagmentPolicy")
        .hasMessageContaining("no such string property");
  }

  @Test
  void anEnumForAModelThatDoesNotExistFailsGeneration(@TempDir Path inputs) throws IOException {
    copy(INPUTS, inputs);
    Path overlay = inputs.resolve("enum-overlay.json");
    Files.writeString(overlay, Files.readString(overlay).replace("\"V1HTTPGetAction\"", "\"V1HttpGetAction\""));

    assertThatThrownBy(() -> KubernetesSchemaGenerator.generate(CLIENTS, inputs))
        .hasMessageContaining("has no class io.kubernetes.client.openapi.models.V1HttpGetAction");
  }

  @Test
  void aDuplicatedKeyInAHandKeptInputFailsGeneration(@TempDir Path inputs) throws IOException {
    copy(INPUTS, inputs);
    Path template = inputs.resolve("volumesnapshotclass.schema.json");
    Files.writeString(template, Files.readString(template)
        .replace("\"driver\": {\"type\": \"string\"},", "\"driver\": {\"type\": \"string\"}, \"driver\": {},"));

    assertThatThrownBy(() -> KubernetesSchemaGenerator.generate(CLIENTS, inputs))
        .hasMessageContaining("Duplicate field 'driver'");
  }

  @Test
  void aTemplateMissingFromTheListOfHandWrittenSchemasFailsGeneration(@TempDir Path inputs) throws IOException {
    copy(INPUTS, inputs);
    Files.copy(inputs.resolve("podmonitor.schema.json"), inputs.resolve("probe.schema.json"));

    assertThatThrownBy(() -> KubernetesSchemaGenerator.generate(CLIENTS, inputs))
        .hasMessageContaining("differ from HAND_WRITTEN");
  }

  @Test
  void isBuildCodeOutsideTheJar() {
    // Compiled from src/build/java as a test source: target/test-classes, never target/classes.
    String location = KubernetesSchemaGenerator.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertThat(location).endsWith("/test-classes/");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }
}
