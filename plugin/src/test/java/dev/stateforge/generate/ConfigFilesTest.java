package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.pipeline.CheckedApp;
import dev.stateforge.pipeline.SpecStage;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.FileSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config files rendered per environment: {@code {peers:NAME}} replaced by the environment's list and
 * nothing else touched, a checksum that changes exactly when the text does, Secrets mounted by
 * reference, and sources read from the project (an environment may name another).
 */
class ConfigFilesTest {
  @TempDir Path project;

  static final String ZK = """
      name = zk
      image = "zookeeper:3.9.3"
      replicas = 3
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 1Gi } }
      cluster.ordinals.start = 1
      cluster.peers.SERVERS { member = "server.{ordinal}={host}:2888:3888", separator = "\\n" }
      """;

  CheckedApp check(String spec) throws IOException {
    Path file = project.resolve("specs/app.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(file, spec);
    SpecStage.Result result = SpecStage.check(file, new SpecLoader(project, Map.of(), getClass().getClassLoader()));
    assertThat(result.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    return result.app().orElseThrow();
  }

  static AppSpec variant(CheckedApp checked, String environment) {
    return checked.app().environments().get(environment);
  }

  @Test
  void thePeerListFollowsEachEnvironmentAndOtherBracesStay() throws IOException {
    CheckedApp checked = check(ZK + """
        files.zoo { mountPath = /conf/zoo.cfg, content = "a={b} ${x} $(Y) {{\\n{peers:SERVERS}\\n" }
        environments.dev.replicas = 1
        """);
    assertThat(ConfigFiles.data(checked.app())).containsExactly(Map.entry("zoo",
        "a={b} ${x} $(Y) {{\nserver.1=zk-1.zk-headless:2888:3888\nserver.2=zk-2.zk-headless:2888:3888\n"
            + "server.3=zk-3.zk-headless:2888:3888\n"));
    assertThat(ConfigFiles.data(variant(checked, "dev")))
        .containsExactly(Map.entry("zoo", "a={b} ${x} $(Y) {{\nserver.1=zk-1.zk-headless:2888:3888\n"));
    assertThat(ConfigFiles.checksum(variant(checked, "dev"))).isNotEqualTo(ConfigFiles.checksum(checked.app()));
  }

  @Test
  void theSameFilesGiveTheSameChecksumOnEveryBuild() throws IOException {
    String spec = ZK + "files.zoo { mountPath = /conf/zoo.cfg, content = \"{peers:SERVERS}\\n\" }\n";
    String first = ConfigFiles.checksum(check(spec).app());
    assertThat(ConfigFiles.checksum(check(spec).app())).isEqualTo(first).startsWith("sha256:").hasSize(7 + 64);
    // Moving text from one file to the other changes the checksum: each key and text is length-prefixed.
    String a = ConfigFiles.checksum(check(ZK + "files { a { mountPath = /a, content = \"xy\" }, b { mountPath = /b, content = \"z\" } }").app());
    String b = ConfigFiles.checksum(check(ZK + "files { a { mountPath = /a, content = \"x\" }, b { mountPath = /b, content = \"yz\" } }").app());
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void anEnvironmentReadsItsOwnSource() throws IOException {
    Files.createDirectories(project.resolve("conf"));
    Files.writeString(project.resolve("conf/zoo.cfg"), "base\n{peers:SERVERS}\n");
    Files.writeString(project.resolve("conf/zoo-dev.cfg"), "dev ünïcode\n");
    CheckedApp checked = check(ZK + """
        files.zoo { mountPath = /conf/zoo.cfg, source = conf/zoo.cfg }
        environments.dev.files.zoo.source = conf/zoo-dev.cfg
        """);
    assertThat(ConfigFiles.data(checked.app()).get("zoo")).startsWith("base\nserver.1=");
    assertThat(ConfigFiles.data(variant(checked, "dev"))).containsExactly(Map.entry("zoo", "dev ünïcode\n"));
  }

  @Test
  void aLinkInsideTheProjectIsFollowed() throws IOException {
    Files.createDirectories(project.resolve("conf"));
    Files.writeString(project.resolve("conf/real.cfg"), "x=1\n");
    Files.createSymbolicLink(project.resolve("conf/link.cfg"), project.resolve("conf/real.cfg"));
    CheckedApp checked = check(ZK + "files.x { mountPath = /x.cfg, source = conf/link.cfg }\n");
    assertThat(ConfigFiles.data(checked.app())).containsExactly(Map.entry("x", "x=1\n"));
  }

  @Test
  void configFilesAreMountedOneByOneAndSecretsAsDirectories() throws IOException {
    AppSpec app = check(ZK + """
        files {
          zoo { mountPath = /conf/zoo.cfg, content = "x" }
          tls { mountPath = /tls, secret { name = zk-tls, items { "tls.crt" = server.crt } } }
          ca { mountPath = /ca, secret.name = zk-ca }
        }
        """).app();
    assertThat(app.files()).extracting(FileSpec::name).containsExactly("ca", "tls", "zoo");
    ConfigMap map = (ConfigMap) ConfigFiles.configMap(app).orElseThrow().object();
    assertThat(map.getMetadata().getName()).isEqualTo("zk-files");
    assertThat(map.getData()).containsOnlyKeys("zoo"); // never a Secret's content

    StatefulSet sts = (StatefulSet) StatefulSetGenerator.generate(app).object();
    var pod = sts.getSpec().getTemplate();
    assertThat(pod.getMetadata().getAnnotations()).containsEntry(ConfigFiles.CHECKSUM_ANNOTATION, ConfigFiles.checksum(app));
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getName() + " " + m.getMountPath() + " " + m.getSubPath() + " " + m.getReadOnly())
        .contains("files /conf/zoo.cfg zoo true", "files-tls /tls null true", "files-ca /ca null true");
    List<Volume> volumes = pod.getSpec().getVolumes();
    assertThat(volumes).extracting(Volume::getName).containsExactly("files", "files-ca", "files-tls");
    assertThat(volumes.get(0).getConfigMap().getName()).isEqualTo("zk-files");
    assertThat(volumes.get(1).getSecret().getSecretName()).isEqualTo("zk-ca");
    assertThat(volumes.get(1).getSecret().getItems()).isNull();
    assertThat(volumes.get(2).getSecret().getItems()).singleElement()
        .satisfies(k -> assertThat(k.getKey() + "=" + k.getPath()).isEqualTo("tls.crt=server.crt"));
  }

  @Test
  void onlySecretsMakeNoConfigMapAndNoChecksum() throws IOException {
    AppSpec app = check(ZK + "files.tls { mountPath = /tls, secret.name = zk-tls }\n").app();
    assertThat(ConfigFiles.configMap(app)).isEmpty();
    StatefulSet sts = (StatefulSet) StatefulSetGenerator.generate(app).object();
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations()).isNull();
  }

  List<String> errors(String spec) throws IOException {
    Path file = project.resolve("specs/app.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(file, spec);
    return SpecStage.check(file, new SpecLoader(project, Map.of(), getClass().getClassLoader())).diagnostics().stream()
        .filter(Diagnostic::isError).map(Diagnostic::format).toList();
  }

  @Test
  void aSourceOverOneMebibyteOrADirectoryIsRefusedWithoutReadingItWhole() throws IOException {
    Files.createDirectories(project.resolve("conf/dir"));
    Files.write(project.resolve("conf/big.cfg"), new byte[(1 << 20) + 1]);
    assertThat(errors(ZK + """
        files.big { mountPath = /big.cfg, source = conf/big.cfg }
        files.dir { mountPath = /dir.cfg, source = conf/dir }
        """)).containsExactly(
            "specs/app.conf:8: error: files.big.source: source conf/big.cfg is larger than 1 MiB, the most a ConfigMap holds [files-too-large]\n"
                + "    hint: keep large data in a volume, or mount a file the image or an init step provides",
            "specs/app.conf:9: error: files.dir.source: source conf/dir is not a file [file-source]\n"
                + "    hint: name a file of the project, with its extension");
  }

  @Test
  void anEnvironmentsMissingSourceIsReportedAtTheEnvironmentsLine() throws IOException {
    Files.createDirectories(project.resolve("conf"));
    Files.writeString(project.resolve("conf/zoo.cfg"), "x\n");
    assertThat(errors(ZK + """
        files.zoo { mountPath = /conf/zoo.cfg, source = conf/zoo.cfg }
        environments.dev.files.zoo.source = conf/zoo-dev.cfg
        """)).containsExactly(
            "specs/app.conf:9: error: environments.dev.files.zoo.source: source conf/zoo-dev.cfg does not exist [file-source]\n"
                + "    hint: a source is a path relative to the project directory (where pom.xml is), not to the spec file");
  }

  @Test
  void placeholdersAreFoundWithTheirLines() {
    assertThat(FileSpec.problems("a\n{peers:X}\n{peers:Y\n", List.of("X")))
        .extracting(FileSpec.Problem::message)
        .containsExactly("line 3: {peers: opens a placeholder that is not closed on its line");
    assertThat(FileSpec.problems("{peers:X}{peers:Z}", List.of("X")))
        .extracting(FileSpec.Problem::list).containsExactly("Z");
    assertThat(FileSpec.render("<{peers:X}|{peers:X}>", list -> list + "!")).isEqualTo("<X!|X!>");
  }
}
