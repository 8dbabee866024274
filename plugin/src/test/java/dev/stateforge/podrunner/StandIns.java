package dev.stateforge.podrunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The image stand-ins of the runner's scenarios. Each says what its image's Dockerfile and
 * entrypoint do (from the image's published sources) and which Debian program replaces its engine.
 */
public final class StandIns {
  private StandIns() {}

  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /**
   * etcd's image (etcd-io/etcd Dockerfile): distroless, no USER (root), WORKDIR /var/lib/etcd,
   * CMD /usr/local/bin/etcd; Debian's etcd-server binary (3.4) is bound at /usr/local/bin/etcd.
   */
  public static ImageStandIn etcd() {
    return new ImageStandIn("quay.io/coreos/etcd:", List.of(), List.of("/usr/local/bin/etcd"), Map.of("PATH", PATH),
        0, 0, "/var/lib/etcd", Map.of("/usr/local/bin/etcd", Path.of("/usr/bin/etcd")), Map.of(),
        Map.of("/var/etcd", 0, "/var/lib/etcd", 0), List.of(Path.of("/usr/bin/etcd")),
        // /readyz and /livez came with etcd 3.5; Debian's 3.4 answers /health (a member with a leader) on the same port.
        Map.of("/readyz", "/health", "/livez", "/health"));
  }

  /**
   * The official nats image (nats-io/nats-docker, 2.10, Alpine variant): no USER (root), the server
   * at /usr/local/bin/nats-server, ENTRYPOINT docker-entrypoint.sh, CMD {@code nats-server --config
   * /etc/nats/nats-server.conf}; the entrypoint puts nats-server before args that are flags (or
   * none) and execs the rest. The scratch variant's ENTRYPOINT /nats-server runs the same args the
   * same way. Debian's nats-server 2.9 is bound there: every flag and healthz option the preset uses
   * is in 2.9.
   */
  public static ImageStandIn nats() {
    String entrypoint = """
        #!/bin/sh
        # Stand-in for the official image's docker-entrypoint.sh (see StandIns.nats).
        set -e
        if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
          set -- nats-server "$@"
        fi
        exec "$@"
        """;
    return new ImageStandIn("nats:", List.of("docker-entrypoint.sh"), List.of("nats-server", "--config", "/etc/nats/nats-server.conf"),
        Map.of("PATH", PATH), 0, 0, "/", Map.of("/usr/local/bin/nats-server", Path.of("/usr/sbin/nats-server")),
        Map.of("/usr/local/bin/docker-entrypoint.sh", entrypoint), Map.of(), List.of(Path.of("/usr/sbin/nats-server")), Map.of());
  }

  /**
   * The official zookeeper image (docker-library/zookeeper, 3.9; its Dockerfile and
   * docker-entrypoint.sh): ENV ZOO_CONF_DIR=/conf, ZOO_DATA_DIR=/data, ZOO_DATA_LOG_DIR=/datalog,
   * ZOO_LOG_DIR=/logs and the defaults ZOO_TICK_TIME=2000, ZOO_INIT_LIMIT=5, ZOO_SYNC_LIMIT=2,
   * ZOO_AUTOPURGE_PURGEINTERVAL=0, ZOO_AUTOPURGE_SNAPRETAINCOUNT=3, ZOO_MAX_CLIENT_CNXNS=60,
   * ZOO_STANDALONE_ENABLED=true, ZOO_ADMINSERVER_ENABLED=true; user zookeeper is uid and gid 1000
   * and owns those folders; WORKDIR /apache-zookeeper-VERSION-bin, whose bin is on the PATH; netcat
   * is installed (the preset's probes use nc). The image runs as root; its entrypoint, when root,
   * chowns the data, data log and log folders and drops to zookeeper. Then, only when there is no
   * $ZOO_CONF_DIR/zoo.cfg, it writes one: dataDir, dataLogDir, tickTime, initLimit, syncLimit, the
   * autopurge settings, maxClientCnxns, standaloneEnabled and admin.enableServer from those
   * variables, one line per space-separated word of ZOO_SERVERS (server.1=localhost:2888:3888;2181
   * when empty), 4lw.commands.whitelist when ZOO_4LW_COMMANDS_WHITELIST is set, and one line per word
   * of ZOO_CFG_EXTRA. It writes $ZOO_DATA_DIR/myid from ZOO_MY_ID (1 when unset) only when there is
   * none, and runs CMD {@code zkServer.sh start-foreground}: QuorumPeerMain on $ZOOCFGDIR/zoo.cfg
   * with $JVMFLAGS and the tarball's lib/ on the class path. (It also runs scripts of
   * /docker-entrypoint.d, which no Stateforge pod has.)
   *
   * <p>Here the entrypoint is a shell script that does the same, and zkServer.sh runs Debian's
   * zookeeper 3.8 jar, with the servlet API on the class path (Debian's own scripts leave it out,
   * which turns the AdminServer off; the image has it on), log4j's binding so the server logs to
   * the console, and in lib/ the Prometheus metrics provider the tarball ships (3.8.0, with its
   * simpleclient jars, from Maven Central through the test class path; Debian has none).
   */
  public static ImageStandIn zookeeper(String version) {
    String home = "/apache-zookeeper-" + version + "-bin";
    String entrypoint = """
        #!/bin/sh
        # Stand-in for the official image's docker-entrypoint.sh (see StandIns.zookeeper).
        set -e
        if [ "$1" = zkServer.sh ] && [ "$(id -u)" = 0 ]; then
          chown -R 1000:1000 "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR" "$ZOO_LOG_DIR"
          exec setpriv --reuid=1000 --regid=1000 --clear-groups "$0" "$@"
        fi
        cfg="$ZOO_CONF_DIR/zoo.cfg"
        if [ ! -f "$cfg" ]; then
          printf '%s\\n' "dataDir=$ZOO_DATA_DIR" "dataLogDir=$ZOO_DATA_LOG_DIR" "tickTime=$ZOO_TICK_TIME" \\
            "initLimit=$ZOO_INIT_LIMIT" "syncLimit=$ZOO_SYNC_LIMIT" "autopurge.snapRetainCount=$ZOO_AUTOPURGE_SNAPRETAINCOUNT" \\
            "autopurge.purgeInterval=$ZOO_AUTOPURGE_PURGEINTERVAL" "maxClientCnxns=$ZOO_MAX_CLIENT_CNXNS" \\
            "standaloneEnabled=$ZOO_STANDALONE_ENABLED" "admin.enableServer=$ZOO_ADMINSERVER_ENABLED" >> "$cfg"
          for word in ${ZOO_SERVERS:-server.1=localhost:2888:3888;2181}; do
            echo "$word" >> "$cfg"
          done
          if [ -n "$ZOO_4LW_COMMANDS_WHITELIST" ]; then
            echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST" >> "$cfg"
          fi
          for word in $ZOO_CFG_EXTRA; do
            echo "$word" >> "$cfg"
          done
        fi
        if [ ! -f "$ZOO_DATA_DIR/myid" ]; then
          echo "${ZOO_MY_ID:-1}" > "$ZOO_DATA_DIR/myid"
        fi
        exec "$@"
        """;
    String server = """
        #!/bin/sh
        # Stand-in for zkServer.sh start-foreground: Debian's zookeeper jar on $ZOOCFGDIR/zoo.cfg, logging to the console.
        [ "$1" = start-foreground ] || { echo "stand-in zkServer.sh knows start-foreground only" >&2; exit 2; }
        exec java $SERVER_JVMFLAGS $JVMFLAGS -Dzookeeper.log.dir="$ZOO_LOG_DIR" -Dzookeeper.root.logger=INFO,CONSOLE \\
          -cp "/etc/zookeeper/conf_example:/usr/share/java/zookeeper.jar:/usr/share/java/servlet-api.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar:HOME/lib/*" \\
          org.apache.zookeeper.server.quorum.QuorumPeerMain "$ZOOCFGDIR/zoo.cfg"
        """.replace("HOME", home);
    Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", PATH + ":" + home + "/bin", "ZOO_CONF_DIR", "/conf", "ZOO_DATA_DIR", "/data",
        "ZOO_DATA_LOG_DIR", "/datalog", "ZOO_LOG_DIR", "/logs", "ZOOCFGDIR", "/conf", "ZOO_TICK_TIME", "2000", "ZOO_INIT_LIMIT", "5",
        "ZOO_SYNC_LIMIT", "2", "ZOO_AUTOPURGE_PURGEINTERVAL", "0"));
    env.putAll(Map.of("ZOO_AUTOPURGE_SNAPRETAINCOUNT", "3", "ZOO_MAX_CLIENT_CNXNS", "60", "ZOO_STANDALONE_ENABLED", "true",
        "ZOO_ADMINSERVER_ENABLED", "true"));
    Map<String, Path> lib = new java.util.TreeMap<>();
    List<Path> tools = new java.util.ArrayList<>(List.of(Path.of("/usr/share/java/zookeeper.jar"), Path.of("/usr/bin/java"),
        Path.of("/usr/share/java/servlet-api.jar"), Path.of("/usr/share/java/slf4j-log4j12.jar"), Path.of("/usr/share/java/log4j-1.2.jar"),
        Path.of("/usr/bin/nc")));
    for (String jar : List.of("zookeeper-prometheus-metrics-", "simpleclient-", "simpleclient_common-", "simpleclient_hotspot-", "simpleclient_servlet-")) {
      Path found = testClassPathJar(jar);
      lib.put(home + "/lib/" + found.getFileName(), found);
      tools.add(found);
    }
    return new ImageStandIn("zookeeper:", List.of("/docker-entrypoint.sh"), List.of("zkServer.sh", "start-foreground"), Map.copyOf(env),
        0, 0, home, lib, Map.of("/docker-entrypoint.sh", entrypoint, home + "/bin/zkServer.sh", server),
        Map.of("/conf", 1000, "/data", 1000, "/datalog", 1000, "/logs", 1000, home, 0), tools, Map.of());
  }

  /** A jar of the test class path by the start of its file name (a test dependency the pom declares for a stand-in). */
  static Path testClassPathJar(String prefix) {
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      if (path.getFileName() != null && path.getFileName().toString().startsWith(prefix) && entry.endsWith(".jar")) {
        return path;
      }
    }
    return Path.of("/test-class-path-has-no/" + prefix + "jar");
  }

  /**
   * The official redis image (docker-library/redis, 7.4): no USER (root), WORKDIR /data, ENTRYPOINT
   * docker-entrypoint.sh, CMD redis-server; the entrypoint puts redis-server before args that are
   * options or a .conf file, and when root chowns /data and drops to user redis (999). Debian's
   * redis-server 7.0 is bound at /usr/local/bin/redis-server and at redis-sentinel (the same
   * program, in Sentinel mode by that name), redis-cli at redis-cli.
   */
  public static ImageStandIn redis() {
    String entrypoint = """
        #!/bin/sh
        # Stand-in for the official image's docker-entrypoint.sh (see StandIns.redis).
        set -e
        if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
          set -- redis-server "$@"
        fi
        if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
          find . \\! -user 999 -exec chown 999 '{}' +
          exec setpriv --reuid=999 --regid=999 --clear-groups "$0" "$@"
        fi
        um="$(umask)"
        if [ "$um" = 0022 ]; then
          umask 0077
        fi
        exec "$@"
        """;
    return new ImageStandIn("redis:", List.of("docker-entrypoint.sh"), List.of("redis-server"), Map.of("PATH", PATH),
        0, 0, "/data", Map.of("/usr/local/bin/redis-server", Path.of("/usr/bin/redis-server"),
            "/usr/local/bin/redis-sentinel", Path.of("/usr/bin/redis-server"), "/usr/local/bin/redis-cli", Path.of("/usr/bin/redis-cli")),
        Map.of("/usr/local/bin/docker-entrypoint.sh", entrypoint), Map.of("/data", 999),
        List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/bin/redis-cli")), Map.of());
  }

  /**
   * oliver006/redis_exporter (its Dockerfile): a scratch image with {@code /redis_exporter} as
   * ENTRYPOINT, USER 59000:59000. Debian's prometheus-redis-exporter (1.45) is bound there; it reads
   * the same REDIS_ADDR and REDIS_PASSWORD and serves /health and /metrics on 9121.
   */
  public static ImageStandIn redisExporter() {
    return new ImageStandIn("oliver006/redis_exporter:", List.of("/redis_exporter"), List.of(), Map.of("PATH", PATH),
        59000, 59000, "/", Map.of("/redis_exporter", Path.of("/usr/bin/prometheus-redis-exporter")), Map.of(), Map.of(),
        List.of(Path.of("/usr/bin/prometheus-redis-exporter")), Map.of());
  }

  /**
   * The apache/kafka image (apache/kafka, docker/jvm/Dockerfile and docker/resources/common-scripts):
   * USER appuser (1000), the distribution at /opt/kafka (its jars in /opt/kafka/libs), CMD
   * /etc/kafka/docker/run. run exports its arguments as variables; configureDefaults gives CLUSTER_ID
   * a default when unset; configure checks KRaft mode (CLUSTER_ID set; a controller-only node must
   * not have KAFKA_ADVERTISED_LISTENERS) and, for a broker without KAFKA_LISTENERS, derives them
   * from the advertised ones with host 0.0.0.0; launch runs {@code kafka.docker.KafkaDockerWrapper
   * setup}, which writes /opt/kafka/config/server.properties from every KAFKA_* variable (prefix
   * dropped, lower case, {@code _} to {@code .}, {@code __} to {@code _}, {@code ___} to {@code -};
   * its exclusions list KAFKA_HEAP_OPT, so KAFKA_HEAP_OPTS lands there too, harmlessly) and formats
   * the log dirs with CLUSTER_ID ("already formatted" on a later start is fine), then execs
   * kafka-server-start.sh on that file. Here the same wrapper class and broker run from Maven
   * Central's jars of {@code jars} (the test's class path), bound at /opt/kafka/libs, on Debian's
   * Java 17 (the image has Java 21); the scripts are this stand-in's own. Not as the image: the JVM
   * gets {@code heap} in place of the pod's KAFKA_HEAP_OPTS and starts with C1 only, so that three
   * brokers fit a small shared machine; /opt/kafka/bin/kafka-run-class.sh runs any class of the
   * libs (the image's tools: metadata quorum, topics, console producer and consumer) with a small heap.
   */
  public static ImageStandIn kafka(List<Path> jars, String heap) {
    String jvm = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k";
    String runClass = """
        #!/bin/sh
        # Stand-in for the image's kafka-run-class.sh (see StandIns.kafka): a class of /opt/kafka/libs, console log.
        exec java ${STANDIN_TOOL_HEAP:--Xmx192m} %s -Dorg.slf4j.simpleLogger.defaultLogLevel=${STANDIN_TOOL_LOG:-warn} \
          -cp '/opt/kafka/libs/*' "$@"
        """.formatted(jvm);
    String run = """
        #!/bin/bash
        # Stand-in for the image's /etc/kafka/docker/run, configureDefaults, configure and launch (see StandIns.kafka).
        set -e
        for var in "$@"; do export "$var"; done
        echo "===> User"; id
        if [ -z "${CLUSTER_ID:-}" ]; then
          echo 'CLUSTER_ID not set. Setting it to default value: "5L6g3nShT-eMCtK--X86sw"'
          export CLUSTER_ID=5L6g3nShT-eMCtK--X86sw
        fi
        if [ -n "${KAFKA_PROCESS_ROLES-}" ]; then
          echo "Running in KRaft mode..."
          if [ "$KAFKA_PROCESS_ROLES" = controller ]; then
            if [ -n "${KAFKA_ADVERTISED_LISTENERS-}" ]; then
              echo "KAFKA_ADVERTISED_LISTENERS is not supported on a KRaft controller."; exit 1
            fi
            unset KAFKA_ADVERTISED_LISTENERS
          fi
        fi
        if [ -z "${KAFKA_LISTENERS-}" ] && [ "${KAFKA_PROCESS_ROLES-}" != controller ] && [ -n "${KAFKA_ADVERTISED_LISTENERS-}" ]; then
          export KAFKA_LISTENERS="$(echo "$KAFKA_ADVERTISED_LISTENERS" | sed -e 's|://[^:]*:|://0.0.0.0:|g')"
        fi
        [ -w /opt/kafka/config/ ] || { echo "/opt/kafka/config/ file not writable"; exit 1; }
        echo "===> Launching ... "
        if ! result=$(STANDIN_TOOL_LOG=info /opt/kafka/bin/kafka-run-class.sh kafka.docker.KafkaDockerWrapper setup \
            --default-configs-dir /etc/kafka/docker --mounted-configs-dir /mnt/shared/config --final-configs-dir /opt/kafka/config 2>&1); then
          echo "$result" | grep -i "already formatted" || { echo "$result"; exit 1; }
        else
          echo "$result"
        fi
        exec java %s %s -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true \
          -cp '/opt/kafka/libs/*' kafka.Kafka /opt/kafka/config/server.properties
        """.formatted(heap, jvm);
    java.util.Map<String, Path> libs = new java.util.TreeMap<>();
    for (Path jar : jars) {
      Path previous = libs.put("/opt/kafka/libs/" + jar.getFileName(), jar);
      if (previous != null && !previous.equals(jar)) {
        throw new IllegalArgumentException("two jars named " + jar.getFileName() + ": " + previous + " and " + jar);
      }
    }
    return new ImageStandIn("apache/kafka:", List.of(), List.of("/etc/kafka/docker/run"), Map.of("PATH", PATH),
        1000, 1000, "/", libs, Map.of("/etc/kafka/docker/run", run, "/opt/kafka/bin/kafka-run-class.sh", runClass),
        Map.of("/opt/kafka/config", 1000, "/mnt/shared/config", 1000, "/etc/kafka/secrets", 1000),
        List.of(Path.of("/usr/bin/java"), Path.of("/bin/bash")), Map.of());
  }

  /** The jars of this JVM's class path (surefire's test class path when forked): what {@link #kafka} binds at /opt/kafka/libs. */
  public static List<Path> classPathJars() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator)).filter(e -> e.endsWith(".jar"))
        .map(Path::of).filter(java.nio.file.Files::isRegularFile).toList();
  }

  /**
   * The official postgres image (docker-library/postgres, Debian variant): no USER (root), user
   * postgres is uid and gid 999, PGDATA /var/lib/postgresql/data, /var/run/postgresql for the
   * socket, ENTRYPOINT docker-entrypoint.sh, CMD postgres, and a configuration sample with
   * {@code listen_addresses = '*'}. The entrypoint drops to postgres when root; when PGDATA holds no
   * database it runs initdb with POSTGRES_PASSWORD, allows password logins from anywhere
   * ({@code host all all all scram-sha-256}), runs /docker-entrypoint-initdb.d/ against a server on
   * its socket only (.sh files executed when executable, sourced otherwise; .sql through psql), stops
   * it, then runs postgres. Debian's PostgreSQL 15 stands in for the image's 16, from its own
   * folder, first on the PATH (Debian's /usr/bin holds wrappers); the stand-in's /etc/passwd names uid 999, which initdb needs.
   */
  public static ImageStandIn postgres() throws java.io.IOException {
    String bin = debianPostgres();
    String entrypoint = """
        #!/bin/sh
        # Stand-in for the official image's docker-entrypoint.sh (see StandIns.postgres).
        set -e
        if [ "${1#-}" != "$1" ]; then
          set -- postgres "$@"
        fi
        if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
          mkdir -p "$PGDATA" && chown 999:999 "$PGDATA" && chmod 700 "$PGDATA"
          exec setpriv --reuid=999 --regid=999 --clear-groups "$0" "$@"
        fi
        if [ "$1" = postgres ]; then
          mkdir -p "$PGDATA" && chmod 700 "$PGDATA" || :
          if [ ! -s "$PGDATA/PG_VERSION" ]; then
            if [ -z "${POSTGRES_PASSWORD:-}" ]; then
              echo "Database is uninitialized and superuser password is not specified." >&2
              exit 1
            fi
            export POSTGRES_USER="${POSTGRES_USER:-postgres}"
            printf '%s\\n' "$POSTGRES_PASSWORD" > /tmp/pwfile
            initdb --username="$POSTGRES_USER" --pwfile=/tmp/pwfile -D "$PGDATA"
            rm -f /tmp/pwfile
            echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
            printf '\nhost all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
            pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
            export PGPASSWORD="$POSTGRES_PASSWORD"
            for f in /docker-entrypoint-initdb.d/*; do
              case "$f" in
                *.sh) if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
                *.sql) psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname postgres -f "$f" ;;
                *) ;;
              esac
            done
            pg_ctl -D "$PGDATA" -m fast -w stop
            unset PGPASSWORD
          fi
        fi
        exec "$@"
        """;
    String passwd = java.nio.file.Files.readString(Path.of("/etc/passwd")) + "postgres-image:x:999:999:postgres:/var/lib/postgresql:/bin/sh\n";
    return new ImageStandIn("postgres:", List.of("docker-entrypoint.sh"), List.of("postgres"),
        Map.of("PATH", bin + ":" + PATH, "PGDATA", "/var/lib/postgresql/data"),
        0, 0, "/", Map.of(), Map.of("/usr/local/bin/docker-entrypoint.sh", entrypoint, "/etc/passwd", passwd),
        Map.of("/run/postgresql", 999), List.of(Path.of(bin, "postgres"), Path.of(bin, "pg_basebackup"), Path.of(bin, "psql")), Map.of());
  }

  /** The bin folder of the newest PostgreSQL that Debian's packages installed (15 on bookworm). */
  static String debianPostgres() throws java.io.IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    if (!java.nio.file.Files.isDirectory(versions)) {
      return "/usr/lib/postgresql/15/bin";
    }
    try (var dirs = java.nio.file.Files.list(versions)) {
      return dirs.filter(d -> d.getFileName().toString().matches("[0-9]+") && java.nio.file.Files.isExecutable(d.resolve("bin/postgres")))
          .max(java.util.Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())))
          .map(d -> d.resolve("bin").toString()).orElse("/usr/lib/postgresql/15/bin");
    }
  }
}
