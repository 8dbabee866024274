package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.podrunner.Engines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object-storage target, run: the generated backup, restore, restore-test, prune and drill Jobs run
 * container by container with sh, as the pod would run them (init containers first, one shared
 * scratch folder for the emptyDir, the env of each container with the Secret values filled in),
 * with Debian's restic against a real S3 server on loopback (s3rver from npm, over TLS: restic's
 * S3 client signs plain-HTTP uploads as aws-chunked, which s3rver 3.7 would store undecoded) and a
 * real PostgreSQL and Redis from Debian's packages. Skipped without the tools; failing instead when
 * STATEFORGE_REQUIRE_ENGINES is set, as .ci/run sets it (apt-get install restic postgresql
 * redis-server openssl; npm install -g s3rver@3.7.1).
 */
class ObjectStorageBackupRunTest {
  static final ObjectMapper YAML = new YAMLMapper();
  static final String CRON_POD = "/spec/jobTemplate/spec/template/spec";
  static final String JOB_POD = "/spec/template/spec";
  static final String BUCKET = "stateforge-test";
  static final String PASSWORD = "correct horse battery staple";
  static final String PG_STORAGE =
      "storage { data { size = 1Gi } }\nenv { POSTGRES_PASSWORD { secret { name = pg-auth, key = password } } }";

  static final java.util.concurrent.atomic.AtomicInteger REPOSITORIES = new java.util.concurrent.atomic.AtomicInteger();
  static Path server;
  static Process s3rver;
  static String endpoint;
  static Path cert;

  @TempDir Path work;
  final Map<String, JsonNode> manifests = new HashMap<>();
  /** More keys of the compiled spec's backup block (the drill, the rpo). */
  String backupExtras = "";
  /** Containers to run as another user when the test runs as root (initdb and the PostgreSQL server refuse root). */
  final Map<String, String> runAs = new HashMap<>();
  /** Folders to put before PATH, for the engine's tools an image has on its PATH and Debian keeps elsewhere. */
  String extraPath;
  Map<String, String> secrets;
  String repositoryPath;

  @BeforeAll
  static void startS3() throws Exception {
    boolean tools = Engines.onPath("restic") && Engines.onPath("s3rver")
        && Engines.onPath("openssl") && Engines.onPath("kubectl");
    if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
      assertThat(tools).as("restic, s3rver, openssl and kubectl on PATH (STATEFORGE_REQUIRE_ENGINES is set)").isTrue();
    }
    assumeTrue(tools, "restic, s3rver (npm), openssl and kubectl are needed");
    server = Files.createTempDirectory("stateforge-s3");
    cert = server.resolve("cert.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", server.resolve("key.pem").toString(), "-out", cert.toString(), "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
        .redirectErrorStream(true).redirectOutput(server.resolve("openssl.log").toFile()).start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a certificate").isTrue();
    Files.createDirectories(server.resolve("data"));
    s3rver = new ProcessBuilder("s3rver", "-d", server.resolve("data").toString(), "-a", "127.0.0.1", "-p", "0",
        "--key", server.resolve("key.pem").toString(), "--cert", cert.toString())
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(s3rver.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        endpoint = "https://127.0.0.1:" + m.group(1);
        break;
      }
    }
    assertThat(endpoint).as("s3rver started").isNotNull();
    // Keep draining its request log so it never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discard
        }
      } catch (IOException ignored) {
        // the server stopped
      }
    });
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3rver != null) {
      s3rver.destroy();
      s3rver.waitFor(10, TimeUnit.SECONDS);
    }
    if (server != null) {
      try (Stream<Path> files = Files.walk(server)) {
        for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.delete(file);
        }
      }
    }
  }

  /** Compiles a spec of {@code preset} with the object-storage target in a repository of this test's own. */
  void compile(String preset, String name, String engineSettings, String keep) throws Exception {
    repositoryPath = "run/" + name + "-" + REPOSITORIES.incrementAndGet();
    Path project = work.resolve("project");
    Path specs = Files.createDirectories(project.resolve("specs"));
    Files.writeString(specs.resolve(name + ".conf"), """
        include classpath("stateforge/presets/%s.conf")
        name = %s
        namespace = data
        image = "%s:1"
        replicas = 1
        resources { cpu = 100m, memory = 256Mi }
        %s
        backup {
          schedule = "0 2 * * *"
          target.objectStorage {
            endpoint = "%s"
            bucket = %s
            path = "%s"
            credentials { secret = s3 }
            password { secret = restic }
            keep %s
          }
          test.schedule = "0 6 * * 1"
          %s
        }
        acknowledge { single-replica = "a throw-away server of a test" }
        """.formatted(preset, name, preset, engineSettings, endpoint, BUCKET, repositoryPath, keep, backupExtras));
    CompileReport report = new Compiler().compile(new CompileRequest(project, specs, project.resolve("out"), Map.of()));
    assertThat(report.hasErrors()).as(report.diagnostics().toString()).isFalse();
    for (var file : report.tree().files().entrySet()) {
      manifests.put(file.getKey(), YAML.readTree(file.getValue()));
    }
    secrets = new HashMap<>(Map.of(
        "RESTIC_PASSWORD", PASSWORD, "AWS_ACCESS_KEY_ID", "S3RVER", "AWS_SECRET_ACCESS_KEY", "S3RVER",
        // The test's PostgreSQL trusts local connections; the preset's commands still read the variable.
        "POSTGRES_PASSWORD", "unused"));
  }

  record Result(int exitCode, String output) {
    Result assertSucceeded() {
      assertThat(exitCode).as(output).isZero();
      return this;
    }

    Result assertFailed(String message) {
      assertThat(exitCode).as(output).isNotZero();
      assertThat(output).contains(message);
      return this;
    }
  }

  /**
   * Runs a Job's pod: every init container, then the main one, each with sh and its own env, all
   * sharing one scratch folder (the emptyDir), stopping at the first that fails, as the kubelet does.
   */
  Result runPod(String file, Map<String, String> overrides, String... only) throws Exception {
    JsonNode manifest = manifests.get(file);
    assertThat(manifest).as(file + " in " + manifests.keySet()).isNotNull();
    JsonNode pod = manifest.at(manifest.path("kind").asText().equals("CronJob") ? CRON_POD : JOB_POD);
    assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
    Path scratch = Files.createTempDirectory(work, "scratch");
    // The drill's emptyDir for its throw-away server, fresh for each run as the pod's would be.
    Path drill = Files.createTempDirectory(work, "drill");
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    StringBuilder output = new StringBuilder();
    for (JsonNode container : containers) {
      String name = container.path("name").asText();
      if (only.length > 0 && !List.of(only).contains(name)) {
        continue;
      }
      assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/scratch");
      assertThat(container.at("/command/0").asText()).isEqualTo("sh");
      List<String> command = new ArrayList<>(List.of("sh", "-c", container.at("/command/2").asText()));
      String user = runAs.get(name);
      if (user != null && "root".equals(System.getProperty("user.name"))) {
        // The image runs it as its own user: give that user the emptyDirs, as fsGroup would, and keep the env.
        for (Path dir : List.of(scratch, drill, Path.of(overrides.getOrDefault("SCRATCH_DIR", scratch.toString())))) {
          Process chown = new ProcessBuilder("chown", "-R", user, dir.toString()).redirectErrorStream(true).start();
          assertThat(chown.waitFor(30, TimeUnit.SECONDS) && chown.exitValue() == 0).isTrue();
        }
        command.addAll(0, List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      container.path("env").forEach(e -> {
        if (e.has("value")) {
          env.put(e.get("name").asText(), e.get("value").asText());
        } else {
          String value = secrets.get(e.get("name").asText());
          assertThat(value).as("a value for the Secret reference " + e).isNotNull();
          env.put(e.get("name").asText(), value);
        }
      });
      env.put("SCRATCH_DIR", scratch.toString());
      env.put("HOME", scratch.toString());
      env.put("SSL_CERT_FILE", cert.toString());
      if (env.containsKey("DRILL_DIR")) {
        env.put("DRILL_DIR", drill.toString());
      }
      if (extraPath != null) {
        env.put("PATH", extraPath + ":" + env.get("PATH"));
      }
      env.putAll(overrides);
      Process process = builder.start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      output.append("[").append(name).append("]\n").append(text);
      if (process.exitValue() != 0) {
        return new Result(process.exitValue(), output.toString());
      }
    }
    return new Result(0, output.toString());
  }

  /** The snapshots' times (UTC, to the second) and ids in the repository, oldest first, read with restic itself. */
  List<String[]> snapshots() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("restic", "snapshots", "--json", "--no-cache");
    builder.environment().putAll(secrets);
    builder.environment().put("RESTIC_REPOSITORY", "s3:" + endpoint + "/" + BUCKET + "/" + repositoryPath);
    builder.environment().put("SSL_CERT_FILE", cert.toString());
    builder.environment().put("TZ", "UTC");
    Process process = builder.start();
    JsonNode list = new ObjectMapper().readTree(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).isTrue();
    List<String[]> snapshots = new ArrayList<>();
    list.forEach(s -> snapshots.add(new String[] {s.get("time").asText().substring(0, 19), s.get("short_id").asText()}));
    snapshots.sort((a, b) -> a[0].compareTo(b[0]));
    return snapshots;
  }

  /** Stages a small dump and uploads it with the generated upload container alone, dated {@code time}. */
  void upload(String time, String content) throws Exception {
    String file = "pg/components/backup/cronjob-backup.yaml";
    JsonNode pod = manifests.get(file).at(CRON_POD);
    assertThat(pod.at("/initContainers/0/name").asText()).isEqualTo("dump");
    Path scratch = Files.createTempDirectory(work, "stage");
    Files.writeString(scratch.resolve("pg.pgdump"), content);
    Result result = runPodIn(scratch, file, Map.of("BACKUP_TIME", time), "upload");
    result.assertSucceeded();
  }

  Result runPodIn(Path scratch, String file, Map<String, String> overrides, String container) throws Exception {
    Map<String, String> all = new HashMap<>(overrides);
    all.put("SCRATCH_DIR", scratch.toString());
    all.put("HOME", scratch.toString());
    return runPod(file, all, container);
  }

  @Test
  void postgresRoundTripNewestNamedAndBeforeATime() throws Exception {
    Postgres pg = Postgres.start(work, this);
    compile("postgres", "pg", PG_STORAGE, "{ last = 10 }");
    Map<String, String> host = Map.of("BACKUP_HOST", pg.socketDir(), "RESTORE_HOST", pg.socketDir());
    pg.sql("CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)");
    String[] times = {"2026-01-10 02:00:00", "2026-01-11 02:00:00", "2026-01-12 02:00:00"};
    for (int i = 1; i <= 3; i++) {
      pg.sql("INSERT INTO orders VALUES (" + i + ", 'item " + i + "')");
      Map<String, String> env = new HashMap<>(host);
      env.put("BACKUP_TIME", times[i - 1]);
      Result backup = runPod("pg/components/backup/cronjob-backup.yaml", env).assertSucceeded();
      assertThat(backup.output().contains("no restic repository at s3:" + endpoint + "/" + BUCKET + "/" + repositoryPath
          + " yet: creating one")).as("only the first backup creates the repository").isEqualTo(i == 1);
    }
    pg.sql("INSERT INTO orders VALUES (4, 'item 4')");
    Result latest = runPod("pg/components/backup/cronjob-backup.yaml", host).assertSucceeded();
    assertThat(latest.output()).contains("[dump]\ndumped pg: ").contains("uploaded to s3:" + endpoint);
    List<String[]> snapshots = snapshots();
    assertThat(snapshots).hasSize(4);

    pg.destroyAndRecreate();
    assertThat(pg.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'")).isEqualTo("0");

    Result restore = runPod("pg/components/restore/job-restore.yaml", host).assertSucceeded();
    assertThat(restore.output()).contains("restored snapshot " + snapshots.get(3)[1]);
    assertThat(pg.sql("SELECT string_agg(item, ',' ORDER BY id) FROM orders")).isEqualTo("item 1,item 2,item 3,item 4");

    Map<String, String> before = new HashMap<>(host);
    before.put("RESTORE_BEFORE", "2026-01-11T12:00:00Z");
    runPod("pg/components/restore/job-restore.yaml", before).assertSucceeded();
    assertThat(pg.sql("SELECT count(*) FROM orders")).isEqualTo("2");

    Map<String, String> named = new HashMap<>(host);
    named.put("RESTORE_SNAPSHOT", snapshots.get(0)[1]);
    runPod("pg/components/restore/job-restore.yaml", named).assertSucceeded();
    assertThat(pg.sql("SELECT count(*) FROM orders")).isEqualTo("1");

    Map<String, String> tooEarly = new HashMap<>(host);
    tooEarly.put("RESTORE_BEFORE", "2026-01-01");
    runPod("pg/components/restore/job-restore.yaml", tooEarly).assertFailed("no snapshot of pg at or before 2026-01-01");
    assertThat(pg.sql("SELECT count(*) FROM orders")).as("a failed fetch leaves the database alone").isEqualTo("1");

    runPod("pg/components/backup/cronjob-backup-test.yaml", host).assertSucceeded();
    pg.stop();
  }

  @Test
  void redisRoundTrip() throws Exception {
    boolean tools = Engines.onPath("redis-server") && Engines.onPath("redis-cli")
        && Engines.onPath("redis-check-rdb");
    if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
      assertThat(tools).as("redis-server, redis-cli and redis-check-rdb on PATH").isTrue();
    }
    assumeTrue(tools, "redis-server is needed");
    Path data = Files.createDirectories(work.resolve("redis-data"));
    compile("redis", "cache", "storage { data { mountPath = \"" + data + "\", size = 1Gi } }", "{ daily = 7 }");
    // A loopback address of this test's own: the preset's commands use port 6379.
    String address = "127.77." + (1 + (int) (ProcessHandle.current().pid() % 250)) + ".9";
    Redis redis = Redis.start(address, data);
    try {
      redis.cli("SET", "order:1", "paid");
      redis.cli("RPUSH", "queue", "a", "b", "c");
      Map<String, String> host = Map.of("BACKUP_HOST", address, "RESTORE_HOST", address);
      runPod("cache/components/backup/cronjob-backup.yaml", host).assertSucceeded();
      runPod("cache/components/backup/cronjob-backup-test.yaml", host).assertSucceeded();
      // Destroyed: the server saves nothing (--save ""), so a restart without a restore is empty.
      redis.stop();
      redis = Redis.start(address, data);
      assertThat(redis.cli("EXISTS", "order:1")).isEqualTo("0");
      redis.stop();
      runPod("cache/components/restore/job-restore.yaml", host).assertSucceeded();
      redis = Redis.start(address, data);
      assertThat(redis.cli("GET", "order:1")).isEqualTo("paid");
      assertThat(redis.cli("LRANGE", "queue", "0", "-1")).isEqualTo("a\nb\nc");
    } finally {
      redis.stop();
    }
  }

  @Test
  void aWrongPasswordFailsEveryJobLoudlyAndCreatesNothing() throws Exception {
    compile("postgres", "pg", PG_STORAGE, "{ last = 3 }");
    upload("2026-02-01 02:00:00", "dump one");
    secrets.put("RESTIC_PASSWORD", "not the password");
    Path scratch = Files.createTempDirectory(work, "stage");
    Files.writeString(scratch.resolve("pg.pgdump"), "dump two");
    String message = "the repository password does not open s3:" + endpoint;
    Result backup = runPodIn(scratch, "pg/components/backup/cronjob-backup.yaml", Map.of(), "upload").assertFailed(message);
    assertThat(backup.output()).doesNotContain("creating one");
    runPod("pg/components/restore/job-restore.yaml", Map.of()).assertFailed(message);
    runPod("pg/components/backup/cronjob-backup-prune.yaml", Map.of()).assertFailed(message);
    secrets.put("RESTIC_PASSWORD", PASSWORD);
    assertThat(snapshots()).hasSize(1);
  }

  @Test
  void aDamagedRepositoryFailsTheRestoreAndThePruneCheckLoudly() throws Exception {
    compile("postgres", "pg", PG_STORAGE, "{ last = 3 }");
    StringBuilder dump = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      dump.append("row ").append(i).append(" of a dump that is not all one chunk\n");
    }
    upload("2026-02-01 02:00:00", dump.toString());
    List<Path> packs;
    try (Stream<Path> files = Files.walk(server.resolve("data").resolve(BUCKET).resolve(repositoryPath).resolve("data"))) {
      packs = files.filter(p -> p.getFileName().toString().endsWith("._S3rver_object")).toList();
    }
    assertThat(packs).isNotEmpty();
    for (Path pack : packs) {
      byte[] bytes = Files.readAllBytes(pack);
      for (int i = 0; i < 64 && i < bytes.length; i++) {
        bytes[i] ^= (byte) 0x5a; // the first blob of each pack
      }
      Files.write(pack, bytes);
    }
    runPod("pg/components/restore/job-restore.yaml", Map.of()).assertFailed("restic could not read /pg.pgdump of snapshot");
    runPod("pg/components/backup/cronjob-backup-prune.yaml", Map.of("CHECK_READ_DATA", "100%"))
        .assertFailed("restic check found errors in s3:" + endpoint);
  }

  /**
   * Ten snapshots on chosen dates and keep { last = 2, daily = 3, weekly = 2, monthly = 2, yearly = 2 }.
   * Newest first, as restic forget walks them (weeks are ISO weeks, Monday first):
   * 03-10 12:00 last, daily, weekly W11, monthly 2026-03, yearly 2026 · 03-10 02:00 last ·
   * 03-09 (Mon, W11) daily · 03-08 (Sun, W10) daily, weekly · 03-07 nothing left · 03-01 same month ·
   * 02-15 monthly 2026-02 · 01-20 monthly used up · 2025-12-31 yearly 2025 · 2025-06-01 same year.
   */
  @Test
  void retentionLeavesExactlyWhatThePolicyKeeps() throws Exception {
    compile("postgres", "pg", PG_STORAGE, "{ last = 2, daily = 3, weekly = 2, monthly = 2, yearly = 2 }");
    String[] dates = {
        "2025-06-01 02:00:00", "2025-12-31 02:00:00", "2026-01-20 02:00:00", "2026-02-15 02:00:00",
        "2026-03-01 02:00:00", "2026-03-07 02:00:00", "2026-03-08 02:00:00", "2026-03-09 02:00:00",
        "2026-03-10 02:00:00", "2026-03-10 12:00:00"};
    for (String date : dates) {
      upload(date, "dump of " + date);
    }
    assertThat(snapshots()).hasSize(10);
    Result prune = runPod("pg/components/backup/cronjob-backup-prune.yaml", Map.of()).assertSucceeded();
    assertThat(prune.output()).contains("no errors were found").contains("pruned and checked");
    assertThat(snapshots().stream().map(s -> s[0].replace('T', ' ')).toList()).containsExactly(
        "2025-12-31 02:00:00", "2026-02-15 02:00:00", "2026-03-08 02:00:00", "2026-03-09 02:00:00",
        "2026-03-10 02:00:00", "2026-03-10 12:00:00");
  }

  static final String DRILL = "pg/components/backup/cronjob-backup-drill.yaml";

  /**
   * The restore drill, run: a backup, then the drill's pod (restic's fetch, then the drill container
   * with Debian's PostgreSQL as the stand-in for the postgres image: its initdb and pg_ctl put first on
   * PATH, as the image's PATH has them, and run as the postgres user, as the image's uid 999 is)
   * restores the newest snapshot into a throw-away server of its own and counts the orders. A newest
   * snapshot without the table, or with the table empty, fails the drill loudly; the app's server is
   * never touched.
   */
  @Test
  void postgresDrillPassesThenFailsWhenTheTableIsGoneOrEmpty() throws Exception {
    Postgres pg = Postgres.start(work, this);
    backupExtras = "drill { schedule = \"0 4 * * 6\", smokeQuery = \"SELECT count(*) FROM orders\" }";
    compile("postgres", "pg", PG_STORAGE, "{ last = 10 }");
    runAs.put("drill", "postgres");
    extraPath = pg.bin().toString();
    Map<String, String> host = Map.of("BACKUP_HOST", pg.socketDir());
    pg.sql("CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL)");
    pg.sql("INSERT INTO orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    runPod("pg/components/backup/cronjob-backup.yaml", host).assertSucceeded();
    String newest = snapshots().get(0)[1];

    Result passed = runPod(DRILL, Map.of()).assertSucceeded();
    assertThat(passed.output()).contains("[fetch]\nsnapshot " + newest)
        .contains("restore drill passed: snapshot " + newest + " of pg restored into a throw-away server;"
            + " the smoke query answered 3");
    // The drill restored into its own server: the app's server still has its rows and nothing more.
    assertThat(pg.sql("SELECT count(*) FROM orders")).isEqualTo("3");

    pg.sql("DELETE FROM orders");
    runPod("pg/components/backup/cronjob-backup.yaml", host).assertSucceeded();
    runPod(DRILL, Map.of()).assertFailed(
        "restore drill of pg failed: could not get an answer to the smoke query (SELECT count(*) FROM orders): it returned 0");

    pg.sql("DROP TABLE orders");
    runPod("pg/components/backup/cronjob-backup.yaml", host).assertSucceeded();
    Result gone = runPod(DRILL, Map.of()).assertFailed(
        "restore drill of pg failed: could not run the smoke query (SELECT count(*) FROM orders)");
    assertThat(gone.output()).contains("relation \"orders\" does not exist");
    pg.stop();
  }

  /** A damaged repository fails the drill's fetch; no repository at all fails it too, naming the repository. */
  @Test
  void aDamagedOrMissingRepositoryFailsTheDrillLoudly() throws Exception {
    backupExtras = "drill { schedule = \"0 4 * * 6\", smokeQuery = \"SELECT count(*) FROM orders\" }";
    compile("postgres", "pg", PG_STORAGE, "{ last = 3 }");
    runPod(DRILL, Map.of()).assertFailed("no restic repository at s3:" + endpoint + "/" + BUCKET + "/" + repositoryPath);
    StringBuilder dump = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      dump.append("row ").append(i).append(" of a dump that is not all one chunk\n");
    }
    upload("2026-02-01 02:00:00", dump.toString());
    damagePacks();
    Result result = runPod(DRILL, Map.of()).assertFailed("restic could not read /pg.pgdump of snapshot");
    assertThat(result.output()).as("the drill container never ran").doesNotContain("[drill]");
  }

  /**
   * Redis: the drill loads the newest RDB snapshot into a throw-away redis-server on a Unix socket in its
   * own folder (Debian's redis-server as the stand-in for the image's) and asks the preset's DBSIZE; a
   * snapshot of an empty dataset answers 0 and fails the drill.
   */
  @Test
  void redisDrillPassesThenFailsOnAnEmptySnapshot() throws Exception {
    boolean tools = Engines.onPath("redis-server") && Engines.onPath("redis-cli");
    if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
      assertThat(tools).as("redis-server and redis-cli on PATH").isTrue();
    }
    assumeTrue(tools, "redis-server is needed");
    Path data = Files.createDirectories(work.resolve("redis-data"));
    backupExtras = "drill { schedule = \"30 4 * * 6\" }";
    compile("redis", "cache", "storage { data { mountPath = \"" + data + "\", size = 1Gi } }", "{ daily = 7 }");
    String address = "127.78." + (1 + (int) (ProcessHandle.current().pid() % 250)) + ".9";
    Redis redis = Redis.start(address, data);
    try {
      redis.cli("SET", "order:1", "paid");
      redis.cli("SET", "order:2", "open");
      Map<String, String> host = Map.of("BACKUP_HOST", address);
      runPod("cache/components/backup/cronjob-backup.yaml", host).assertSucceeded();
      Result passed = runPod("cache/components/backup/cronjob-backup-drill.yaml", Map.of()).assertSucceeded();
      assertThat(passed.output()).contains("the smoke query answered 2");
      assertThat(redis.cli("DBSIZE")).as("the app's server is untouched").isEqualTo("2");

      redis.cli("FLUSHALL");
      runPod("cache/components/backup/cronjob-backup.yaml", host).assertSucceeded();
      runPod("cache/components/backup/cronjob-backup-drill.yaml", Map.of()).assertFailed(
          "restore drill of cache failed: could not get an answer to the smoke query (DBSIZE): it returned 0");

      // A snapshot that is not an RDB file: the drill's redis-check-rdb refuses it before the server starts.
      Path scratch = Files.createTempDirectory(work, "stage");
      Files.writeString(scratch.resolve("cache.rdb"), "REDIS0011 not really a snapshot");
      runPodIn(scratch, "cache/components/backup/cronjob-backup.yaml", Map.of(), "upload").assertSucceeded();
      runPod("cache/components/backup/cronjob-backup-drill.yaml", Map.of()).assertFailed(
          "restore drill of cache failed: could not start a throw-away server and restore snapshot");
    } finally {
      redis.stop();
    }
  }

  /** XORs the first bytes of every pack of this test's repository, so that restic's MAC check fails on read. */
  void damagePacks() throws IOException {
    List<Path> packs;
    try (Stream<Path> files = Files.walk(server.resolve("data").resolve(BUCKET).resolve(repositoryPath).resolve("data"))) {
      packs = files.filter(p -> p.getFileName().toString().endsWith("._S3rver_object")).toList();
    }
    assertThat(packs).isNotEmpty();
    for (Path pack : packs) {
      byte[] bytes = Files.readAllBytes(pack);
      for (int i = 0; i < 64 && i < bytes.length; i++) {
        bytes[i] ^= (byte) 0x5a;
      }
      Files.write(pack, bytes);
    }
  }

  /** Debian's PostgreSQL in a folder of the test, on a Unix socket only (no TCP port to collide on). */
  record Postgres(Path root, Path bin, ObjectStorageBackupRunTest test) {
    static Postgres start(Path work, ObjectStorageBackupRunTest test) throws Exception {
      Path bin = binDir();
      boolean tools = bin != null && Engines.onPath("pg_dump") && Engines.onPath("pg_restore")
          && Engines.onPath("psql");
      if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
        assertThat(tools).as("PostgreSQL (initdb, pg_ctl) and its clients (pg_dump, pg_restore, psql)").isTrue();
      }
      assumeTrue(tools, "PostgreSQL is needed");
      Path root = Files.createDirectories(work.resolve("postgres"));
      Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
      Postgres pg = new Postgres(root, bin, test);
      pg.initAndStart();
      return pg;
    }

    static Path binDir() throws IOException {
      Path versions = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(versions)) {
        return null;
      }
      try (Stream<Path> list = Files.list(versions)) {
        return list.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max((a, b) -> Integer.compare(version(a), version(b))).orElse(null);
      }
    }

    static int version(Path bin) {
      try {
        return Integer.parseInt(bin.getParent().getFileName().toString());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    String socketDir() {
      return root.resolve("socket").toString();
    }

    void initAndStart() throws Exception {
      run(List.of("mkdir", "-p", socketDir()));
      run(List.of(bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", "postgres",
          "--auth=trust", "--no-sync"));
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-w", "-t", "60",
          "-l", root.resolve("log").toString(), "-o", "-c listen_addresses='' -k " + socketDir(), "start"));
    }

    void stop() throws Exception {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-w", "-m", "fast", "stop"));
    }

    void destroyAndRecreate() throws Exception {
      stop();
      run(List.of("rm", "-rf", root.resolve("data").toString()));
      initAndStart();
    }

    /** As the postgres user when the test runs as root: initdb and the server refuse root. */
    void run(List<String> command) throws Exception {
      List<String> full = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        full.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      full.addAll(command);
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0).as(full + ": " + output).isTrue();
    }

    String sql(String statement) throws Exception {
      Process process = new ProcessBuilder("psql", "-h", socketDir(), "-p", "5432", "-U", "postgres", "-d", "postgres",
          "-v", "ON_ERROR_STOP=1", "-Atc", statement).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(statement + ": " + output).isTrue();
      return output;
    }
  }

  /** Debian's redis-server on a loopback address of the test's own, its data in the spec's data folder. */
  record Redis(String address, Process process) {
    static Redis start(String address, Path data) throws Exception {
      Process process = new ProcessBuilder("redis-server", "--bind", address, "--port", "6379", "--dir", data.toString(),
          "--save", "", "--appendonly", "no", "--daemonize", "no")
          .redirectErrorStream(true).redirectOutput(data.resolveSibling("redis.log").toFile()).start();
      Redis redis = new Redis(address, process);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          if (redis.cli("PING").equals("PONG")) {
            return redis;
          }
        } catch (AssertionError notYet) {
          if (System.nanoTime() > deadline || !process.isAlive()) {
            throw notYet;
          }
        }
        Thread.sleep(100);
      }
    }

    String cli(String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("redis-cli", "-h", address, "-p", "6379"));
      command.addAll(List.of(args));
      Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(cli.waitFor(30, TimeUnit.SECONDS) && cli.exitValue() == 0 && !output.startsWith("Could not connect"))
          .as(command + ": " + output).isTrue();
      return output;
    }

    void stop() throws Exception {
      if (process.isAlive()) {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }
}
