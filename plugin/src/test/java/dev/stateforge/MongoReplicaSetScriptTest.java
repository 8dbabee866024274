package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mongodb-replicated preset's scripts, run with sh as the pod and the Jobs would run them, from
 * the golden case's output (which GoldenCasesTest holds to the compiler's). MongoDB has no Debian
 * package and its binaries cannot be fetched here, so mongod is not started: a fake mongosh on the
 * PATH plays the server's answers (hello's state, rs.status()'s NotYetInitialized, rs.conf()'s
 * members) and records every command the script sends; a fake sleep ends the sidecar's loop after a
 * given number of passes. Fake mongodump and mongorestore record their arguments.
 */
class MongoReplicaSetScriptTest {
  static final Path CASE = GoldenCasesTest.CASES.resolve("preset-mongodb-replicated/expected/catalog-db");
  static final String DOMAIN = ".catalog-db-headless.shop.svc.cluster.local:27017";
  static final String M0 = "catalog-db-0" + DOMAIN;
  static final String M1 = "catalog-db-1" + DOMAIN;
  static final String M2 = "catalog-db-2" + DOMAIN;

  /** Answers as mongod would, from files in $FAKE: hello (the member's state), members (rs.conf()'s hosts). */
  static final String FAKE_MONGOSH = """
      #!/bin/sh
      for last; do :; done
      printf '%s\\n' "$*" | tr '\\n' ' ' >> "$FAKE/argv"; echo >> "$FAKE/argv"
      state="$(cat "$FAKE/hello")"
      if [ "$state" = down ]; then echo "MongoNetworkError: connect ECONNREFUSED 127.0.0.1:27017" >&2; exit 1; fi
      case "$last" in
        *db.hello\\(\\)*) echo "$state" ;;
        *rs.initiate\\(*)
          if [ "$state" = uninitiated ]; then
            echo "initiate $last" >> "$FAKE/calls"
            printf '%s' "$last" | grep -o "host: '[^']*'" | sed "s/host: '//; s/'$//" | tr '\\n' ' ' | sed 's/ $//' > "$FAKE/members"
            echo primary > "$FAKE/hello"
            echo initiated
          else
            echo "already initiated"
          fi ;;
        *rs.conf\\(\\)*)
          if [ -e "$FAKE/conf-fails" ]; then echo "MongoServerError: not authorized" >&2; exit 1; fi
          cat "$FAKE/members"; echo ;;
        *rs.add\\(*)
          host="$(printf '%s' "$last" | sed "s/^rs.add('\\([^']*\\)').*/\\1/")"
          echo "add $host" >> "$FAKE/calls"
          printf ' %s' "$host" >> "$FAKE/members"
          echo "added $host" ;;
        *) echo "fake mongosh: unexpected command $last" >&2; exit 2 ;;
      esac
      """;

  /** Counts the passes; the one after $PASSES fails, which ends the script (set -e). */
  static final String FAKE_SLEEP = """
      #!/bin/sh
      echo x >> "$FAKE/sleeps"
      [ "$(wc -l < "$FAKE/sleeps")" -lt "$PASSES" ]
      """;

  @TempDir Path work;
  Path fake;
  Path bin;
  JsonNode statefulSet;

  @BeforeEach
  void setUp() throws IOException {
    fake = Files.createDirectories(work.resolve("fake"));
    bin = Files.createDirectories(work.resolve("bin"));
    executable(bin.resolve("mongosh"), FAKE_MONGOSH);
    executable(bin.resolve("sleep"), FAKE_SLEEP);
    statefulSet = new YAMLMapper().readTree(CASE.resolve("base/statefulset.yaml").toFile());
  }

  static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Run(int exitCode, String output, List<String> calls, List<String> argv) {}

  /** The sidecar's script, as pod {@code ordinal}, for {@code passes} passes against a member in {@code state}. */
  Run sidecar(int ordinal, String state, String members, int passes) throws Exception {
    for (String log : List.of("sleeps", "calls", "argv")) {
      Files.deleteIfExists(fake.resolve(log));
    }
    Files.writeString(fake.resolve("hello"), state);
    Files.writeString(fake.resolve("members"), members);
    JsonNode container = container("initContainers", "replica-set");
    assertThat(container.path("restartPolicy").asText()).as("a native sidecar").isEqualTo("Always");
    Map<String, String> env = env(container);
    env.put("POD_NAME", "catalog-db-" + ordinal);
    env.put("POD_HOST", env.get("POD_HOST").replace("$(POD_NAME)", "catalog-db-" + ordinal));
    secret(container, env, "MONGO_INITDB_ROOT_PASSWORD", "not-a-real-password");
    env.put("PASSES", Integer.toString(passes));
    return run(container.at("/command/2").asText(), env);
  }

  Run run(String script, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("FAKE", fake.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output, lines(fake.resolve("calls")), lines(fake.resolve("argv")));
  }

  static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  JsonNode container(String list, String name) {
    for (JsonNode c : statefulSet.at("/spec/template/spec/" + list)) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no container " + name + " in " + list);
  }

  /** The container's literal env; Secret references and downward-API fields are left to each test. */
  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> {
      if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      }
    });
    return env;
  }

  /** The value of a Secret reference the container declares, as the kubelet would fill it in. */
  static void secret(JsonNode container, Map<String, String> env, String name, String value) {
    boolean declared = false;
    for (JsonNode e : container.path("env")) {
      declared |= e.path("name").asText().equals(name) && e.at("/valueFrom/secretKeyRef/name").asText().equals("catalog-db-auth");
    }
    assertThat(declared).as(container.path("name").asText() + " references " + name + " in the Secret catalog-db-auth").isTrue();
    env.put(name, value);
  }

  @Test
  void theFirstMemberInitiatesANewSetOnceWithEveryMember() throws Exception {
    Run run = sidecar(0, "uninitiated", "", 3);
    assertThat(run.calls()).as(run.output()).hasSize(1);
    assertThat(run.calls().get(0))
        .contains("rs.status()", "e.code !== 94")
        .contains("rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '" + M0 + "' }, { _id: 1, host: '" + M1
            + "' }, { _id: 2, host: '" + M2 + "' }] })");
    assertThat(run.output()).contains("initiated");
    assertThat(run.argv()).allSatisfy(a -> assertThat(a).contains("--host 127.0.0.1 --port 27017 --username root",
        "--authenticationDatabase admin"));
    // Three passes: hello and initiate; then hello and rs.conf twice, all members present, nothing sent.
    assertThat(run.argv()).hasSize(6);
  }

  @Test
  void anInitiatedSetIsLeftAlone() throws Exception {
    Run primary = sidecar(0, "primary", M0 + " " + M1 + " " + M2, 2);
    assertThat(primary.calls()).as(primary.output()).isEmpty();
    Run secondary = sidecar(0, "member", M0 + " " + M1 + " " + M2, 2);
    assertThat(secondary.calls()).as(secondary.output()).isEmpty();
    assertThat(secondary.argv()).as("a secondary only asks hello").hasSize(2).allSatisfy(a -> assertThat(a).contains("db.hello()"));
  }

  @Test
  void anotherMemberNeverInitiates() throws Exception {
    Run run = sidecar(1, "uninitiated", "", 2);
    assertThat(run.calls()).as(run.output()).isEmpty();
    assertThat(run.output()).contains("waiting for " + M0 + " to initiate rs0");
  }

  @Test
  void thePrimaryAddsMissingMembersOnePerPass() throws Exception {
    // Replicas grew from 1 to 3: the set knows only the first member.
    Run run = sidecar(0, "primary", M0, 4);
    assertThat(run.calls()).as(run.output()).containsExactly("add " + M1, "add " + M2);
    assertThat(Files.readString(fake.resolve("members"))).isEqualTo(M0 + " " + M1 + " " + M2);
  }

  @Test
  void nothingIsSentWhileTheServerIsNotThereOrTheEntrypointRunsItsFirstStart() throws Exception {
    Run down = sidecar(0, "down", "", 2);
    assertThat(down.argv()).as("only hello, once per pass").hasSize(2);
    assertThat(down.calls()).isEmpty();
    assertThat(down.output()).contains("the replica set could not be checked; trying again");
    Run standalone = sidecar(0, "standalone", "", 2);
    assertThat(standalone.calls()).as(standalone.output()).isEmpty();
  }

  @Test
  void aFailedReadOfTheConfigAddsNothing() throws Exception {
    Files.writeString(fake.resolve("conf-fails"), "");
    Run run = sidecar(0, "primary", M0, 2);
    assertThat(run.calls()).as(run.output()).isEmpty();
    assertThat(run.output()).contains("the replica set could not be checked");
  }

  @Test
  void theKeyfileIsTheMongodUsersAndReadableByItAlone() throws Exception {
    JsonNode init = container("initContainers", "keyfile");
    Map<String, String> env = env(init);
    assertThat(env.get("KEYFILE")).isEqualTo("/etc/mongo-keyfile/keyfile");
    assertThat(statefulSet.at("/spec/template/spec/containers/0/args").toString()).contains("\"--keyFile\",\"/etc/mongo-keyfile/keyfile\"");
    Path keyfile = work.resolve("keyfile");
    env.put("KEYFILE", keyfile.toString());
    secret(init, env, "MONGO_REPLICA_SET_KEY", "c2VjcmV0LWtleS1vZi10aGUtdGVzdA==");
    String script = init.at("/command/2").asText();
    Run first = run(script, env);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(Files.readString(keyfile)).isEqualTo("c2VjcmV0LWtleS1vZi10aGUtdGVzdA==\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyfile))).isEqualTo("r--------");
    assertThat(Files.getOwner(keyfile).getName()).isEqualTo(System.getProperty("user.name"));
    // A restarted init container finds its own read-only file in the emptyDir and replaces it.
    assertThat(run(script, env).exitCode()).isZero();
    env.put("MONGO_REPLICA_SET_KEY", "");
    Run empty = run(script, env);
    assertThat(empty.exitCode()).isNotZero();
    assertThat(empty.output()).contains("replica-set-key is empty");
  }

  /** The backup and restore Jobs' scripts with fake tools that record their arguments. */
  @Test
  void theBackupReadsASecondaryThroughTheSetAndTheRestoreWritesThroughIt() throws Exception {
    executable(bin.resolve("mongodump"), """
        #!/bin/sh
        printf '%s\\n' "$@" > "$FAKE/mongodump"
        for a; do case "$a" in --archive=*) echo archive > "${a#--archive=}" ;; esac; done
        """);
    executable(bin.resolve("mongorestore"), """
        #!/bin/sh
        printf '%s\\n' "$@" > "$FAKE/mongorestore"
        """);
    Path backupDir = Files.createDirectories(work.resolve("backup"));
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    String members = "catalog-db-0.catalog-db-headless catalog-db-1.catalog-db-headless catalog-db-2.catalog-db-headless";

    JsonNode cron = new YAMLMapper().readTree(CASE.resolve("components/backup/cronjob-backup.yaml").toFile());
    JsonNode dump = cron.at("/spec/jobTemplate/spec/template/spec/containers/0");
    Map<String, String> env = env(dump);
    assertThat(env.get("MEMBER_HOSTS")).isEqualTo(members);
    env.put("BACKUP_DIR", backupDir.toString());
    env.put("SCRATCH_DIR", scratch.toString());
    secret(dump, env, "MONGO_INITDB_ROOT_PASSWORD", "not-a-real-password");
    Run backup = run(dump.at("/command/2").asText(), env);
    assertThat(backup.exitCode()).as(backup.output()).isZero();
    assertThat(Files.readAllLines(fake.resolve("mongodump"))).contains(
        "--host=rs0/catalog-db-0.catalog-db-headless:27017,catalog-db-1.catalog-db-headless:27017,catalog-db-2.catalog-db-headless:27017",
        "--readPreference=secondaryPreferred", "--oplog");

    JsonNode job = new YAMLMapper().readTree(CASE.resolve("components/restore/job-restore.yaml").toFile());
    JsonNode restore = job.at("/spec/template/spec/containers/0");
    env = env(restore);
    assertThat(env.get("MEMBER_HOSTS")).isEqualTo(members);
    env.put("BACKUP_DIR", backupDir.toString());
    env.put("SCRATCH_DIR", scratch.toString());
    secret(restore, env, "MONGO_INITDB_ROOT_PASSWORD", "not-a-real-password");
    Run restored = run(restore.at("/command/2").asText(), env);
    assertThat(restored.exitCode()).as(restored.output()).isZero();
    assertThat(Files.readAllLines(fake.resolve("mongorestore"))).contains(
        "--host=rs0/catalog-db-0.catalog-db-headless:27017,catalog-db-1.catalog-db-headless:27017,catalog-db-2.catalog-db-headless:27017",
        "--oplogReplay", "--drop", "--stopOnError");
  }
}
