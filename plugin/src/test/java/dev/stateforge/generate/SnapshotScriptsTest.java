package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stateforge.TestTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated snapshot backup and restore scripts with sh against a stand-in kubectl that
 * records what it is asked and answers from canned state: no cluster, but the real scripts, env and
 * names from the golden case.
 */
class SnapshotScriptsTest {
  static final Path CASE = TestTrees.sourceResources().resolve("cases/backup-snapshots/expected/events-db/components");

  @TempDir Path work;
  Path bin;
  Path state;

  @BeforeEach
  void fakeKubectl() throws Exception {
    bin = Files.createDirectories(work.resolve("bin"));
    state = Files.createDirectories(work.resolve("state"));
    // Answers: claims and snapshots from files in $STATE; records every call in $STATE/calls.
    String kubectl = """
        #!/bin/sh
        echo "$*" >> "$STATE/calls"
        case "$1 $2" in
          "get pvc") cat "$STATE/pvcs" ;;
          "get statefulset") cat "$STATE/replicas" ;;
          "get volumesnapshot")
            case "$4" in
              stateforge.dev/claim=*) grep "/${4#stateforge.dev/claim=}-[0-9]" "$STATE/snapshots" || true ;;
              *) cat "$STATE/snapshots" ;;
            esac ;;
          "apply -f")
            cat "$3" >> "$STATE/applied"; echo "---" >> "$STATE/applied"
            if grep -q "kind: VolumeSnapshot$" "$3"; then
              name="$(sed -n 's/^  name: //p' "$3")"
              echo "volumesnapshot.snapshot.storage.k8s.io/$name" >> "$STATE/snapshots"
            fi ;;
          "wait --for=jsonpath={.status.readyToUse}=true") : ;;
          "delete volumesnapshot") echo "$3" >> "$STATE/deleted" ;;
          "delete pvc") echo "$3" >> "$STATE/deleted" ;;
          *) echo "unexpected kubectl $*" >&2; exit 3 ;;
        esac
        """;
    Path fake = bin.resolve("kubectl");
    Files.writeString(fake, kubectl);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void backupSnapshotsEachReplicaClaimAndKeepsTheNewest() throws Exception {
    Files.writeString(state.resolve("pvcs"),
        "persistentvolumeclaim/data-events-db-0\npersistentvolumeclaim/data-events-db-1\npersistentvolumeclaim/other-claim\n");
    // Claim 0 has nine older snapshots and keep = 8: with the new one, the two oldest go.
    // Claim 1 has one: nothing of it goes.
    StringBuilder snapshots = new StringBuilder();
    for (int day = 1; day <= 9; day++) {
      snapshots.append("volumesnapshot.snapshot.storage.k8s.io/data-events-db-0-2026110").append(day).append("-020000\n");
    }
    snapshots.append("volumesnapshot.snapshot.storage.k8s.io/data-events-db-1-20261101-020000\n");
    Files.writeString(state.resolve("snapshots"), snapshots);

    Result result = run("backup/cronjob-backup.yaml", "/spec/jobTemplate/spec/template/spec", Map.of());

    assertThat(result.exitCode()).as(result.output()).isZero();
    String applied = Files.readString(state.resolve("applied"));
    assertThat(applied).contains("persistentVolumeClaimName: data-events-db-0", "persistentVolumeClaimName: data-events-db-1")
        .doesNotContain("other-claim")
        .contains("volumeSnapshotClassName: ebs-snapshots")
        .contains("stateforge.dev/claim: data-events-db-1");
    YAMLMapper yaml = new YAMLMapper();
    for (String document : applied.split("---\n")) {
      JsonNode snapshot = yaml.readTree(document);
      assertThat(snapshot.at("/metadata/name").asText()).matches("data-events-db-[01]-\\d{8}-\\d{6}");
    }
    assertThat(Files.readAllLines(state.resolve("deleted")))
        .containsExactly("data-events-db-0-20261102-020000", "data-events-db-0-20261101-020000");
  }

  @Test
  void backupFailsWhenThereIsNothingToSnapshot() throws Exception {
    Files.writeString(state.resolve("pvcs"), "persistentvolumeclaim/other-claim\n");
    Files.writeString(state.resolve("snapshots"), "");
    Result result = run("backup/cronjob-backup.yaml", "/spec/jobTemplate/spec/template/spec", Map.of());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("no claim data-events-db-<n> to snapshot");
  }

  @Test
  void restoreRefusesWhileTheAppRuns() throws Exception {
    Files.writeString(state.resolve("replicas"), "3");
    Result result = run("restore/job-restore.yaml", "/spec/template/spec", Map.of());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("scale events-db to 0 first");
    assertThat(Files.exists(state.resolve("deleted"))).isFalse();
  }

  @Test
  void restoreRecreatesEveryClaimFromOnePointInTime() throws Exception {
    Files.writeString(state.resolve("replicas"), "0");
    Files.writeString(state.resolve("snapshots"), """
        volumesnapshot.snapshot.storage.k8s.io/data-events-db-0-20261124-180000
        volumesnapshot.snapshot.storage.k8s.io/data-events-db-1-20261124-180000
        volumesnapshot.snapshot.storage.k8s.io/data-events-db-0-20261125-000000
        volumesnapshot.snapshot.storage.k8s.io/data-events-db-1-20261125-000000
        """);

    Result newest = run("restore/job-restore.yaml", "/spec/template/spec", Map.of());

    assertThat(newest.exitCode()).as(newest.output()).isZero();
    assertThat(Files.readAllLines(state.resolve("deleted"))).containsExactly("data-events-db-0", "data-events-db-1");
    String applied = Files.readString(state.resolve("applied"));
    assertThat(applied).contains("name: data-events-db-0-20261125-000000", "name: data-events-db-1-20261125-000000")
        .contains("storage: 100Gi", "storageClassName: gp3-retain", "accessModes: [ReadWriteOnce]")
        .doesNotContain("20261124");
    for (String document : applied.split("---\n")) {
      assertThat(new YAMLMapper().readTree(document).at("/spec/dataSource/kind").asText()).isEqualTo("VolumeSnapshot");
    }

    Files.delete(state.resolve("applied"));
    Result chosen = run("restore/job-restore.yaml", "/spec/template/spec", Map.of("RESTORE_STAMP", "20261124-180000"));
    assertThat(chosen.exitCode()).as(chosen.output()).isZero();
    assertThat(Files.readString(state.resolve("applied"))).contains("20261124-180000").doesNotContain("20261125");
  }

  record Result(int exitCode, String output) {}

  Result run(String file, String pod, Map<String, String> overrides) throws Exception {
    JsonNode container = new YAMLMapper().readTree(CASE.resolve(file).toFile()).at(pod + "/containers/0");
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
    Path scratch = Files.createDirectories(work.resolve("scratch-" + System.nanoTime()));
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", container.at("/command/2").asText()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("SCRATCH_DIR", scratch.toString());
    builder.environment().put("STATE", state.toString());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().putAll(overrides);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
