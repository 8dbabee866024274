package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.IntOrPercent;
import dev.stateforge.spec.LifecycleSpec;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.PodPlacement;
import dev.stateforge.spec.ProbeSpec;
import dev.stateforge.spec.ProbesSpec;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.SpreadSpec;
import dev.stateforge.spec.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec as loaded and schema-checked, bound to records: each key where it lands, and the schema's defaults where none is written. */
class SpecBinderTest {
  @TempDir Path project;

  static final String MINIMAL = """
      name = db
      image = "postgres:16.4"
      resources { cpu = 500m, memory = 1Gi }
      storage { data { mountPath = /data, size = 10Gi } }
      """;

  AppSpec bind(String text) throws IOException {
    Path spec = project.resolve("specs/db.conf");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, text);
    Diagnostics out = new Diagnostics();
    LoadedSpec loaded = new SpecLoader(project, Map.of(), getClass().getClassLoader()).load(spec, out).orElseThrow();
    assertThat(dev.stateforge.check.InputSchemaCheck.check(loaded.tree(), loaded.sourceMap(), out)).as("%s", out.sorted()).isTrue();
    return SpecBinder.bind(loaded);
  }

  @Test
  void aMinimalSpecGetsTheSchemaDefaults() throws IOException {
    AppSpec app = bind(MINIMAL);

    assertThat(app.sourceFile()).isEqualTo("specs/db.conf");
    assertThat(app.name()).isEqualTo("db");
    assertThat(app.namespace()).isNull();
    assertThat(app.image()).isEqualTo("postgres:16.4");
    assertThat(app.replicas()).isEqualTo(1);
    assertThat(app.command()).isEmpty();
    assertThat(app.args()).isEmpty();
    assertThat(app.ports()).isEmpty();
    assertThat(app.env()).isEmpty();
    assertThat(app.resources().cpu()).isEqualTo(new Quantity("500m"));
    assertThat(app.resources().memory()).isEqualTo(new Quantity("1Gi"));
    assertThat(app.resources().cpuLimit()).as("no CPU limit unless set").isNull();
    assertThat(app.resources().memoryLimit()).as("the memory limit defaults to the request").isEqualTo(new Quantity("1Gi"));
    assertThat(app.probes()).isEqualTo(ProbesSpec.NONE);
    assertThat(app.storage().volumes()).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo("data");
      assertThat(v.mountPath()).isEqualTo("/data");
      assertThat(v.size()).isEqualTo(new Quantity("10Gi"));
      assertThat(v.storageClass()).isNull();
      assertThat(v.accessModes()).containsExactly("ReadWriteOnce");
      assertThat(v.shared()).isFalse();
    });
    assertThat(app.storage().whenDeleted()).isEqualTo("Retain");
    assertThat(app.storage().whenScaled()).isEqualTo("Retain");
    assertThat(app.storageClasses()).isEmpty();
    assertThat(app.podManagementPolicy()).isEqualTo("OrderedReady");
    assertThat(app.updates().strategy()).isEqualTo("RollingUpdate");
    assertThat(app.updates().partition()).isZero();
    assertThat(app.updates().maxUnavailable()).isNull();
    assertThat(app.updates().minReadySeconds()).isEqualTo(10);
    assertThat(app.disruption().enabled()).isTrue();
    assertThat(app.disruption().maxUnavailable()).as("maxUnavailable 1 when neither is set").isEqualTo(IntOrPercent.ofCount(1));
    assertThat(app.disruption().minAvailable()).isNull();
    assertThat(app.acknowledgements()).isEmpty();
    assertThat(app.secretsInGit()).isEmpty();
    assertThat(app.engine()).isEqualTo(EngineSpec.NONE);
    assertThat(app.backup()).isNull();
    assertThat(app.volumeSnapshotClasses()).isEmpty();
    assertThat(app.environments()).isEmpty();
    assertThat(app.placement()).as("no placement unless set").isEqualTo(PodPlacement.NONE);
    assertThat(app.lifecycle()).isEqualTo(LifecycleSpec.NONE);
    assertThat(app.metadata()).isEqualTo(MetadataSpec.NONE);
    assertThat(app.storage().scratchVolumes()).isEmpty();
  }

  /** The pod's parts (#13): env from the pod, scratch volumes and subPath, placement, hooks and metadata. */
  @Test
  void thePodsPartsLandInTheirRecords() throws IOException {
    AppSpec app = bind("""
        name = db
        image = "postgres:16.4"
        resources { cpu = 500m, memory = 1Gi }
        env {
          POD_NAME { field = metadata.name }
          INDEX { field = "metadata.labels['apps.kubernetes.io/pod-index']" }
          CORES { resource.name = limits.cpu }
          CACHE_MB { resource { name = limits.memory, divisor = 1Mi } }
        }
        storage {
          data { mountPath = /var/lib/postgresql/data, subPath = pgdata, size = 10Gi }
          shm { mountPath = /dev/shm, emptyDir { medium = Memory, sizeLimit = 1Gi } }
          work { mountPath = /work, emptyDir {} }
        }
        spread.node = OnePerNode
        placement {
          nodeSelector { disktype = ssd }
          tolerations = [ { key = dedicated, value = db, effect = NoSchedule }, { effect = NoExecute, tolerationSeconds = 60 } ]
          priorityClassName = critical
        }
        lifecycle { preStop.exec.command = [pg_ctl, stop], postStart.exec.command = [touch, /work/up] }
        metadata {
          pod { labels { team = db }, annotations { "example.com/a" = "1" } }
          headlessService.annotations { "example.com/b" = "2" }
        }
        """);

    assertThat(app.env()).extracting(EnvVarSpec::source).containsExactly(
        new EnvVarSpec.ContainerResource("limits.memory", new Quantity("1Mi")),
        new EnvVarSpec.ContainerResource("limits.cpu", null),
        new EnvVarSpec.PodField("metadata.labels['apps.kubernetes.io/pod-index']"),
        new EnvVarSpec.PodField("metadata.name"));
    assertThat(app.storage().volumes()).extracting(VolumeSpec::name, VolumeSpec::size, VolumeSpec::subPath, VolumeSpec::emptyDir)
        .containsExactly(
            tuple("data", new Quantity("10Gi"), "pgdata", null),
            tuple("shm", null, null, new VolumeSpec.EmptyDir("Memory", new Quantity("1Gi"))),
            tuple("work", null, null, new VolumeSpec.EmptyDir(null, null)));
    assertThat(app.storage().perPodVolumes()).as("an emptyDir is no claim").extracting(VolumeSpec::name).containsExactly("data");
    assertThat(app.storage().scratchVolumes()).extracting(VolumeSpec::name).containsExactly("shm", "work");
    assertThat(app.spread().node()).isEqualTo(SpreadSpec.ONE_PER_NODE);
    assertThat(app.placement().nodeSelector()).containsExactly(Map.entry("disktype", "ssd"));
    assertThat(app.placement().tolerations()).containsExactly(
        new PodPlacement.Toleration("dedicated", "db", "NoSchedule", null),
        new PodPlacement.Toleration(null, null, "NoExecute", 60L));
    assertThat(app.placement().tolerations()).extracting(PodPlacement.Toleration::operator)
        .as("the operator follows from the value").containsExactly("Equal", "Exists");
    assertThat(app.placement().priorityClassName()).isEqualTo("critical");
    assertThat(app.lifecycle()).isEqualTo(new LifecycleSpec(List.of("pg_ctl", "stop"), List.of("touch", "/work/up")));
    assertThat(app.metadata().pod().labels()).containsExactly(Map.entry("team", "db"));
    assertThat(app.metadata().pod().annotations()).containsExactly(Map.entry("example.com/a", "1"));
    assertThat(app.metadata().service().isEmpty()).isTrue();
    assertThat(app.metadata().headlessService().annotations()).containsExactly(Map.entry("example.com/b", "2"));
  }

  @Test
  void everyWrittenKeyLandsInItsRecord() throws IOException {
    AppSpec app = bind(MINIMAL + """
        namespace = finance
        replicas = 3
        command = [postgres]
        args = ["-c", "max_connections=200"]
        ports { pg { port = 5432 }, metrics { port = 9187 } }
        env {
          PGDATA { value = /data/pg }
          PASSWORD { secret { name = db-auth, key = password } }
          MODE { configMap { name = db-config, key = mode } }
        }
        resources { cpu = 2, limits { cpu = 4, memory = 2Gi } }
        probes {
          readiness { tcp.port = pg }
          liveness { http { path = /health, port = 8080 }, periodSeconds = 20 }
          startup { exec.command = [pg_isready] }
        }
        storage {
          data.class = fast
          wal { mountPath = /wal, size = 512Mi, accessModes = [ReadWriteOncePod] }
          retention { whenScaled = Delete }
        }
        storageClasses {
          fast { provisioner = ebs.csi.aws.com, parameters { type = gp3, iops = "3000" }, allowVolumeExpansion = true }
          legacy { existing = true }
        }
        podManagementPolicy = Parallel
        updates { partition = 2, maxUnavailable = "50%" }
        disruption { minAvailable = 2 }
        acknowledge { volume-grow = "the class expands, checked with ops" }
        """);

    assertThat(app.namespace()).isEqualTo("finance");
    assertThat(app.replicas()).isEqualTo(3);
    assertThat(app.command()).containsExactly("postgres");
    assertThat(app.args()).containsExactly("-c", "max_connections=200");
    assertThat(app.ports()).extracting(p -> p.name() + "=" + p.port() + "/" + p.protocol()).containsExactly("metrics=9187/TCP", "pg=5432/TCP");
    assertThat(app.env()).extracting(EnvVarSpec::name).containsExactly("MODE", "PASSWORD", "PGDATA");
    assertThat(app.env()).extracting(EnvVarSpec::source).containsExactly(
        new EnvVarSpec.ConfigMapKey("db-config", "mode"), new EnvVarSpec.SecretKey("db-auth", "password"), new EnvVarSpec.Literal("/data/pg"));
    assertThat(app.resources().cpu()).as("a HOCON number is a quantity").isEqualTo(new Quantity("2"));
    assertThat(app.resources().cpuLimit()).isEqualTo(new Quantity("4"));
    assertThat(app.resources().memoryLimit()).isEqualTo(new Quantity("2Gi"));
    assertThat(app.probes().readiness().action()).isEqualTo(new ProbeSpec.Tcp(ProbeSpec.PortRef.named("pg")));
    assertThat(app.probes().liveness().action()).isEqualTo(new ProbeSpec.Http("/health", ProbeSpec.PortRef.of(8080), "HTTP"));
    assertThat(app.probes().liveness().periodSeconds()).isEqualTo(20);
    assertThat(app.probes().startup().action()).isEqualTo(new ProbeSpec.Exec(List.of("pg_isready")));
    assertThat(app.storage().volumes()).extracting(v -> v.name() + " " + v.mountPath() + " " + v.size() + " " + v.storageClass() + " " + v.accessModes())
        .as("volumes in name order, retention not among them")
        .containsExactly("data /data 10Gi fast [ReadWriteOnce]", "wal /wal 512Mi null [ReadWriteOncePod]");
    assertThat(app.storage().whenDeleted()).isEqualTo("Retain");
    assertThat(app.storage().whenScaled()).isEqualTo("Delete");
    assertThat(app.storageClasses()).extracting(c -> c.name() + " " + c.existing() + " " + c.provisioner() + " " + c.parameters()
            + " " + c.reclaimPolicy() + " " + c.allowVolumeExpansion() + " " + c.volumeBindingMode())
        .containsExactly("fast false ebs.csi.aws.com {iops=3000, type=gp3} Retain true WaitForFirstConsumer",
            "legacy true null {} null false null");
    assertThat(app.podManagementPolicy()).isEqualTo("Parallel");
    assertThat(app.updates().partition()).isEqualTo(2);
    assertThat(app.updates().maxUnavailable()).isEqualTo(IntOrPercent.parse("50%"));
    assertThat(app.disruption().minAvailable()).isEqualTo(IntOrPercent.ofCount(2));
    assertThat(app.disruption().maxUnavailable()).as("not defaulted when minAvailable is set").isNull();
    assertThat(app.acknowledgements()).containsExactly(Map.entry("volume-grow", "the class expands, checked with ops"));
  }

  /** Kubernetes expands $(NAME) only from entries above, so a variable that refers to another comes after it. */
  @Test
  void envIsOrderedSoThatReferencesComeFirst() throws IOException {
    AppSpec app = bind(MINIMAL + """
        env {
          A_URL { value = "postgres://$(Z_HOST):5432" }
          Z_HOST { value = db-0 }
        }
        """);
    assertThat(app.env()).extracting(EnvVarSpec::name).containsExactly("Z_HOST", "A_URL");
  }

  @Test
  void aBackupToAVolumeAndOneToSnapshotsBind() throws IOException {
    AppSpec volume = bind(MINIMAL + """
        engine { name = postgres, dump.command = "pg_dumpall", restore.command = "psql" }
        backup { schedule = "0 3 * * *", keep = 7, target.volume { size = 20Gi, class = slow }, test.schedule = "0 5 * * 0" }
        """);
    assertThat(volume.backup().schedule()).isEqualTo("0 3 * * *");
    assertThat(volume.backup().keep()).isEqualTo(7);
    assertThat(volume.backup().target()).isEqualTo(new BackupSpec.VolumeTarget(new Quantity("20Gi"), "slow"));
    assertThat(volume.backup().testSchedule()).isEqualTo("0 5 * * 0");
    assertThat(volume.engine().name()).isEqualTo("postgres");
    assertThat(volume.engine().dumpExtension()).isEqualTo("dump");

    AppSpec snapshot = bind(MINIMAL + """
        volumeSnapshotClasses { snaps { driver = ebs.csi.aws.com } }
        backup { schedule = "@daily", target.snapshot { class = snaps, image = "alpine/k8s:1.33.4" } }
        """);
    assertThat(snapshot.backup().target()).isEqualTo(new BackupSpec.SnapshotTarget("snaps", null, "alpine/k8s:1.33.4"));
    assertThat(snapshot.backup().testSchedule()).isNull();
    assertThat(snapshot.volumeSnapshotClasses()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("snaps");
      assertThat(c.driver()).isEqualTo("ebs.csi.aws.com");
      assertThat(c.deletionPolicy()).isEqualTo("Retain");
    });
  }

  /** A tree the schema would refuse is a bug of the schema or the binder, never a user's error. */
  @Test
  void aTreeThatCannotBeBoundIsAStateforgeBug() throws IOException {
    ObjectNode tree = (ObjectNode) JsonMapper.builder().build().readTree("{\"name\": \"db\", \"image\": \"x\"}");
    LoadedSpec loaded = new LoadedSpec("specs/db.conf", tree, path -> Location.NONE);
    assertThatThrownBy(() -> SpecBinder.bind(loaded)).isInstanceOf(StateforgeBug.class)
        .hasMessage("spec specs/db.conf passed the schema check but could not be bound")
        .hasCauseInstanceOf(NullPointerException.class);
  }

}
