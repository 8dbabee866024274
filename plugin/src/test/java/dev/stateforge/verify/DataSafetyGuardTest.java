package dev.stateforge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.CompileReport;
import dev.stateforge.CompileRequest;
import dev.stateforge.Compiler;
import dev.stateforge.TestTrees;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One scenario per dangerous change: a first build writes the tree, the spec changes, and the second
 * build must report the change, name the spec line, and write nothing; with the change acknowledged
 * in the spec, the second build passes with a note.
 */
class DataSafetyGuardTest {
  @TempDir Path project;
  Path specs;
  Path out;

  static final String BEFORE = """
      name = ledger
      namespace = finance
      image = "postgres:16.4"
      replicas = 3
      resources { cpu = 500m, memory = 1Gi }
      probes { readiness { tcp.port = 5432 }, liveness { tcp.port = 5432 } }
      storage {
        data { mountPath = /data, size = 10Gi, class = fast }
      }
      storageClasses {
        fast { provisioner = ebs.csi.aws.com, parameters { type = gp3 } }
        slow { provisioner = ebs.csi.aws.com, parameters { type = sc1 }, allowVolumeExpansion = false }
      }
      """;

  @BeforeEach
  void firstBuild() throws IOException {
    specs = Files.createDirectories(project.resolve("specs"));
    out = project.resolve("deploy");
    Files.writeString(specs.resolve("ledger.conf"), BEFORE);
    assertThat(build().writeResult()).isPresent();
  }

  CompileReport build() throws IOException {
    return new Compiler().build(new CompileRequest(project, specs, out, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "immutable-field      | podManagementPolicy = Parallel                                   | podManagementPolicy",
    "immutable-field      | storage.logs { mountPath = /logs, size = 1Gi, class = fast }     | storage",
    "volume-shrink        | storage.data.size = 5Gi                                          | storage.data.size",
    "volume-class-change  | storage.data.class = slow                                        | storage.data.class",
    "volume-grow          | storageClasses.fast.allowVolumeExpansion = false, storage.data.size = 20Gi | storage.data.size",
    "storage-class-change | storageClasses.fast.parameters.type = io2                         | storageClasses.fast.parameters",
    "reclaim-delete       | storageClasses.fast.reclaimPolicy = Delete                        | storageClasses.fast.reclaimPolicy",
    "retention-delete     | storage.retention.whenScaled = Delete                             | storage.retention.whenScaled",
    "immutable-field      | cluster.serviceName = ledger-peers                               | cluster.serviceName",
    "immutable-field      | cluster.selector { app = ledger }                                | cluster.selector",
    "ordinals-start-change | cluster.ordinals.start = 1                                      | cluster.ordinals.start",
    "volume-subpath-change | storage.data.subPath = pgdata                                   | storage.data.subPath",
    // A spec's patch is checked like a spec key, and the change is reported at the patch.
    "immutable-field      | patches = [{ target { kind = StatefulSet }, operations = [{ op = replace, path = /spec/podManagementPolicy, value = Parallel }] }] | patches[0].operations[0]",
    "immutable-field      | patches = [{ target { kind = StatefulSet }, operations = [{ op = add, path = /spec/volumeClaimTemplates/-, value = { metadata { name = logs }, spec { accessModes = [ReadWriteOnce], resources.requests.storage = 1Gi } } }] }] | patches[0].operations[0]",
  })
  void aDangerousChangeStopsTheBuildUntilAcknowledged(String code, String change, String path) throws IOException {
    SortedMap<String, byte[]> written = TestTrees.read(out);
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + change.replace(", ", "\n") + "\n");

    CompileReport refused = build();

    assertThat(refused.diagnostics()).filteredOn(d -> d.code().id().equals(code)).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.path().toString()).isEqualTo(path);
      assertThat(d.location().file()).isEqualTo("specs/ledger.conf");
      assertThat(d.hint()).isNotBlank();
    });
    assertThat(refused.writeResult()).isEmpty();
    assertThat(TestTrees.read(out)).containsOnlyKeys(written.keySet());
    written.forEach((file, bytes) -> assertThat(TestTrees.read(out).get(file)).as(file).isEqualTo(bytes));

    Files.writeString(specs.resolve("ledger.conf"), BEFORE + change.replace(", ", "\n")
        + "\nacknowledge { " + code + " = \"planned migration, see ticket OPS-42\" }\n");
    CompileReport acknowledged = build();

    assertThat(acknowledged.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(acknowledged.diagnostics()).filteredOn(d -> d.code().id().equals(code))
        .allSatisfy(d -> assertThat(d.message()).endsWith("acknowledged: planned migration, see ticket OPS-42"));
    assertThat(acknowledged.writeResult()).isPresent();
  }

  /** A sidecar's mount of a claim is guarded like the main container's: its subPath is at the sidecar's mount. */
  @Test
  void aSidecarMountedFromAnotherSubPathIsStopped() throws IOException {
    String sidecar = "sidecars = [{ name = agent, image = \"busybox:1.36.1\", resources { cpu = 10m, memory = 16Mi }, "
        + "mounts { data { path = /backup%s } } }]\n";
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + sidecar.formatted(""));
    assertThat(build().writeResult()).isPresent();
    SortedMap<String, byte[]> written = TestTrees.read(out);

    Files.writeString(specs.resolve("ledger.conf"), BEFORE + sidecar.formatted(", subPath = dumps"));
    CompileReport moved = build();

    assertThat(moved.diagnostics()).filteredOn(d -> d.code().id().equals("volume-subpath-change")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.path().toString()).isEqualTo("sidecars[0].mounts.data.subPath");
      assertThat(d.message()).contains("in container agent from the volume's root, now from subPath dumps");
    });
    assertThat(moved.writeResult()).isEmpty();
    written.forEach((file, bytes) -> assertThat(TestTrees.read(out).get(file)).as(file).isEqualTo(bytes));
  }

  @org.junit.jupiter.api.Test
  void aBaselineDirectoryStandsInForTheCommittedOutput() throws IOException {
    // CI builds into target/ while the deployed tree lives elsewhere: the guard compares with that.
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + "storage.data.size = 5Gi\n");
    Path elsewhere = project.resolve("target/stateforge");

    CompileReport withoutBaseline = new Compiler().compile(new CompileRequest(project, specs, elsewhere, Map.of()));
    CompileReport withBaseline = new Compiler().compile(
        new CompileRequest(project, specs, elsewhere, Map.of(), false, null, out, null));

    assertThat(withoutBaseline.diagnostics()).noneMatch(d -> d.code().id().equals("volume-shrink"));
    assertThat(withBaseline.diagnostics()).anySatisfy(d -> assertThat(d.code().id()).isEqualTo("volume-shrink"));
  }

  @ParameterizedTest(name = "grow with an expandable class is a warning with the resize plan")
  @CsvSource("storage.data.size = 20Gi")
  void growingAnExpandableVolumeWarnsWithThePlan(String change) throws IOException {
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + change + "\n");
    CompileReport report = build();
    assertThat(report.diagnostics()).filteredOn(d -> d.code().id().equals("volume-grow")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.hint()).contains("kubectl patch pvc -n finance data-ledger-<n>", "kubectl delete statefulset -n finance ledger --cascade=orphan");
    });
    assertThat(report.writeResult()).isPresent();
  }

  /** An environment's overlay is guarded like the base: prod's own volume size is compared with what prod built before. */
  @Test
  void anEnvironmentThatShrinksItsOwnVolumeIsStopped() throws IOException {
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + "environments.prod.storage.data.size = 40Gi\n");
    assertThat(build().writeResult()).isPresent();
    SortedMap<String, byte[]> written = TestTrees.read(out);

    Files.writeString(specs.resolve("ledger.conf"), BEFORE + "environments.prod.storage.data.size = 20Gi\n");
    CompileReport shrunk = build();
    assertThat(shrunk.diagnostics()).filteredOn(d -> d.code().id().equals("volume-shrink")).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.ERROR);
      assertThat(d.path().toString()).isEqualTo("environments.prod.storage.data.size");
      assertThat(d.location().line()).isEqualTo((int) BEFORE.lines().count() + 1);
      assertThat(d.text()).startsWith("ledger in prod: volume data of ledger shrinks from 40Gi to 20Gi");
      assertThat(d.subject()).isEqualTo(new Subject("ledger", "prod", ""));
    });
    assertThat(shrunk.writeResult()).isEmpty();
    assertThat(TestTrees.read(out)).as("nothing written").containsExactlyEntriesOf(written);

    Files.writeString(specs.resolve("ledger.conf"), BEFORE
        + "environments.prod { storage.data.size = 20Gi, acknowledge { volume-shrink = \"prod data moved out, volume recreated\" } }\n");
    CompileReport acknowledged = build();
    assertThat(acknowledged.diagnostics()).filteredOn(d -> d.code().id().equals("volume-shrink")).singleElement()
        .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.NOTE));
    assertThat(acknowledged.writeResult()).isPresent();
  }

  /** A base change that every environment inherits is reported once, with the base. */
  @Test
  void aBaseChangeIsNotRepeatedForEachEnvironment() throws IOException {
    Files.writeString(specs.resolve("ledger.conf"), BEFORE + "environments { dev.replicas = 2, prod.replicas = 5 }\n");
    assertThat(build().writeResult()).isPresent();
    Files.writeString(specs.resolve("ledger.conf"), BEFORE.replace("size = 10Gi", "size = 5Gi")
        + "environments { dev.replicas = 2, prod.replicas = 5 }\n");
    assertThat(build().diagnostics()).filteredOn(d -> d.code().id().equals("volume-shrink")).singleElement()
        .satisfies(d -> assertThat(d.path().toString()).isEqualTo("storage.data.size"));
  }
}
