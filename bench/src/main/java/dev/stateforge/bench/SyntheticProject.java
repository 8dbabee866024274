package dev.stateforge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a project of N valid, varied specs, so that a benchmark exercises the compiler's real paths:
 * HOCON and JSON, with and without the postgres preset, a project-local include, one to five replicas
 * (of the Kafka-like broker; the database kinds run one server, as a database that does not replicate must),
 * per-pod and shared volumes, several StorageClasses (declared, shared through an include, declared
 * inline by many apps alike, or existing), ports, probes, env from Secrets and ConfigMaps, disruption
 * budgets by count and by minimum, canary partitions and an acknowledged finding.
 *
 * <p>The same N always gives the same files (no randomness), and every spec is valid: a compile must
 * report no error.
 */
public final class SyntheticProject {
  /** Where the specs go, relative to the project directory (the plugin's default). */
  public static final String SPEC_DIRECTORY = "src/main/stateforge";

  /**
   * The app kinds, by index modulo their count. The broker's replicas cycle 1..5 independently (20
   * apps hold every combination); the database kinds run one server, since more replicas of a
   * PostgreSQL or Redis that does not replicate are refused (replicas-independent) or warned about.
   */
  enum Kind { POSTGRES, REDIS_JSON, KAFKA, POSTGRES_WAL }

  /** One generated spec. */
  public record Spec(String appName, String fileName, String text) {}

  private SyntheticProject() {}

  /** The app name of spec {@code index}, which is also its output folder. */
  public static String appName(int index) {
    return kind(index).name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + String.format(Locale.ROOT, "%05d", index);
  }

  static Kind kind(int index) {
    return Kind.values()[index % Kind.values().length];
  }

  static int replicas(int index) {
    return 1 + index % 5;
  }

  /** Writes the specs (and the shared include) under {@code projectDirectory}; returns the app names. */
  public static List<String> write(Path projectDirectory, int apps) {
    Path specs = projectDirectory.resolve(SPEC_DIRECTORY);
    try {
      Files.createDirectories(specs.resolve("common"));
      Files.writeString(specs.resolve("common/storage-classes.conf"), sharedClasses(), StandardCharsets.UTF_8);
      List<String> names = new ArrayList<>(apps);
      for (int i = 0; i < apps; i++) {
        Spec spec = spec(i);
        Files.writeString(specs.resolve(spec.fileName()), spec.text(), StandardCharsets.UTF_8);
        names.add(spec.appName());
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic project in " + projectDirectory, e);
    }
  }

  /** The spec of app {@code index}, in memory. */
  public static Spec spec(int index) {
    String name = appName(index);
    return switch (kind(index)) {
      case POSTGRES -> new Spec(name, name + ".conf", postgres(name, index));
      case REDIS_JSON -> new Spec(name, name + ".json", redisJson(name, index));
      case KAFKA -> new Spec(name, name + ".conf", kafka(name, index));
      case POSTGRES_WAL -> new Spec(name, name + ".conf", postgresWithWal(name, index));
    };
  }

  /** Included by the HOCON specs: classes declared once, used by many apps. */
  static String sharedClasses() {
    return """
        # Storage classes shared by the synthetic apps; Stateforge writes each once under cluster/.
        storageClasses {
          fast-ssd {
            provisioner = ebs.csi.aws.com
            parameters { type = gp3, iops = "6000", throughput = "250" }
            reclaimPolicy = Retain
            allowVolumeExpansion = true
            volumeBindingMode = WaitForFirstConsumer
          }
          standard { existing = true }
        }
        """;
  }

  /** The preset, a local include, one per-pod volume. */
  private static String postgres(String name, int index) {
    int replicas = 1;
    return """
        # Synthetic PostgreSQL %2$d.
        include classpath("stateforge/presets/postgres.conf")
        include "common/storage-classes.conf"

        name = %1$s
        namespace = team-%3$d
        image = "postgres:16.%4$d"
        # One server: the plain postgres preset does not replicate, so more replicas would be unrelated databases.
        replicas = %5$d
        resources { cpu = %6$dm, memory = %7$dMi }

        env {
          POSTGRES_PASSWORD { secret { name = %1$s-auth, key = password } }
          POSTGRES_DB { value = orders }
        }

        storage {
          data { size = %8$dGi, class = fast-ssd }
          retention { whenDeleted = Retain, whenScaled = Retain }
        }

        updates { partition = 0 }
        disruption { maxUnavailable = 1 }
        """.formatted(name, index, index % 16, index % 5, replicas, 250 + 50 * (index % 8),
        512 * (1 + index % 4), 10 + index % 90);
  }

  /** JSON, no preset, an existing class plus one declared inline by every JSON app alike; one server. */
  private static String redisJson(String name, int index) {
    int replicas = 1;
    return """
        {
          "name": "%1$s",
          "namespace": "cache-%2$d",
          "image": "redis:7.4.%3$d",
          "replicas": %4$d,
          "args": ["--appendonly", "yes", "--dir", "/data"],
          "ports": {"redis": {"port": 6379}, "metrics": {"port": 9121}},
          "resources": {"cpu": "%5$dm", "memory": "%6$dMi", "limits": {"memory": "%7$dMi"}},
          "security": {"runAsUser": 999, "runAsGroup": 999, "fsGroup": 999, "readOnlyRootFilesystem": true},
          "probes": {
            "readiness": {"exec": {"command": ["redis-cli", "ping"]}, "periodSeconds": 5},
            "liveness": {"tcp": {"port": "redis"}, "failureThreshold": 5}
          },
          "storage": {
            "data": {"mountPath": "/data", "size": "%8$dGi", "class": "standard"},
            "backups": {"mountPath": "/backups", "size": "20Gi", "class": "archive"}
          },
          "storageClasses": {
            "standard": {"existing": true},
            "archive": {
              "provisioner": "efs.csi.aws.com",
              "parameters": {"provisioningMode": "efs-ap", "directoryPerms": "700"},
              "reclaimPolicy": "Retain",
              "volumeBindingMode": "Immediate"
            }
          },
          "spread": {"zone": "DoNotSchedule", "node": "ScheduleAnyway"},
          "terminationGracePeriodSeconds": 20
        }
        """.formatted(name, index % 8, index % 3, replicas, 100 + 25 * (index % 6), 256 * (1 + index % 3),
        512 * (1 + index % 3), 1 + index % 20);
  }

  /**
   * No preset: three ports, probes by name and number, a shared ReadWriteMany volume next to the
   * per-pod one, a class per group of apps, a canary partition and a budget by minimum.
   */
  private static String kafka(String name, int index) {
    int replicas = replicas(index);
    int group = index % 7;
    String disruption = replicas >= 3
        ? "disruption { minAvailable = " + (replicas - 1) + " }"
        : "disruption { maxUnavailable = 1, unhealthyPodEvictionPolicy = IfHealthyBudget }";
    return """
        # Synthetic Kafka-like broker %2$d.
        include "common/storage-classes.conf"

        name = %1$s
        namespace = streaming
        image = "apache/kafka:3.8.%3$d"
        replicas = %4$d
        podManagementPolicy = Parallel
        command = [/opt/kafka/bin/kafka-server-start.sh]
        args = [/etc/kafka/server.properties, --override, "broker.rack=zone-%5$d"]
        ports {
          kafka { port = 9092 }
          controller { port = 9093 }
          metrics { port = 9404 }
        }
        env {
          KAFKA_HEAP_OPTS { value = "-Xms1g -Xmx1g" }
          KAFKA_CLUSTER_ID { configMap { name = kafka-cluster, key = id } }
          KAFKA_SSL_PASSWORD { secret { name = %1$s-tls, key = keystore-password } }
        }
        resources {
          cpu = 1
          memory = 2Gi
          limits { cpu = 2, memory = 3Gi }
        }
        security { runAsUser = 1000, runAsGroup = 1000, fsGroup = 1000 }
        probes {
          startup { tcp.port = kafka, failureThreshold = 60 }
          readiness { tcp.port = 9092, periodSeconds = 5 }
          liveness { http { path = /metrics, port = metrics }, initialDelaySeconds = 30 }
        }
        storage {
          data { mountPath = /var/lib/kafka/data, size = %6$dGi, class = tier-%5$d }
          config { mountPath = /etc/kafka/shared, size = 1Gi, class = fast-ssd, shared = true, accessModes = [ReadWriteMany] }
          retention { whenDeleted = Retain, whenScaled = Delete }
        }
        storageClasses {
          tier-%5$d {
            provisioner = pd.csi.storage.gke.io
            parameters { type = pd-balanced, replication-type = regional-pd }
            mountOptions = [noatime]
          }
        }
        updates { strategy = RollingUpdate, partition = %7$d, minReadySeconds = 30 }
        %8$s
        spread { zone = DoNotSchedule, node = DoNotSchedule }
        terminationGracePeriodSeconds = 120
        """.formatted(name, index, index % 2, replicas, group, 100 + index % 400, replicas - 1, disruption);
  }

  /** The preset with a second per-pod volume overridden in place; every other one an acknowledged one-pod budget. */
  private static String postgresWithWal(String name, int index) {
    int replicas = 1;
    String disruption = index / Kind.values().length % 2 == 0
        ? """
          disruption { minAvailable = 1 }
          acknowledge { pdb-blocks-drain = "a single-instance database: drains wait for the on-call DBA" }
          """
        : "disruption { maxUnavailable = 1 }\n";
    return """
        include classpath("stateforge/presets/postgres.conf")
        include "common/storage-classes.conf"

        name = %1$s
        namespace = data
        image = "postgres:17.%2$d"
        # One server: the plain postgres preset does not replicate, so more replicas would be unrelated databases.
        replicas = %3$d
        resources { cpu = 2, memory = 8Gi, limits.memory = 8Gi }
        probes.liveness.failureThreshold = 10
        terminationGracePeriodSeconds = 180
        storage {
          data { size = %4$dGi, class = fast-ssd }
          wal { mountPath = /var/lib/postgresql/wal, size = 20Gi, class = fast-ssd, accessModes = [ReadWriteOncePod] }
        }
        env { POSTGRES_INITDB_WALDIR { value = /var/lib/postgresql/wal/pg_wal } }
        %5$s""".formatted(name, index % 3, replicas, 100 + index % 900, disruption);
  }
}
