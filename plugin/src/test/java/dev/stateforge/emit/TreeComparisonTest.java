package dev.stateforge.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.TestTrees;
import dev.stateforge.generate.OutputMarker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeComparisonTest {
  @TempDir Path committed;

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anIdenticalTreeHasNoDifference() throws Exception {
    Map<String, byte[]> files = Map.of("a/base/statefulset.yaml", text("kind: StatefulSet\nreplicas: 3\n"));
    TestTrees.write(committed, files);
    assertThat(TreeComparison.compare(RenderedTree.of(files), committed)).isEmpty();
  }

  @Test
  void reportsChangedMissingAndExtraFilesWithAUnifiedDiff() throws Exception {
    Map<String, byte[]> built = Map.of(
        "a/base/statefulset.yaml", text("kind: StatefulSet\nspec:\n  replicas: 3\n"),
        "old/base/statefulset.yaml", text("kind: StatefulSet\n"));
    TestTrees.write(committed, built);
    TestTrees.write(committed, Map.of(OutputMarker.PATH, OutputMarker.of(built, "test").render()));
    // Not Stateforge's (the marker does not list them): never reported as extra.
    TestTrees.write(committed, Map.of("README.md", text("notes\n"), ".git/HEAD", text("ref: refs/heads/main\n")));
    RenderedTree fresh = RenderedTree.of(Map.of(
        "a/base/statefulset.yaml", text("kind: StatefulSet\nspec:\n  replicas: 5\n"),
        "b/base/statefulset.yaml", text("kind: StatefulSet\n")));

    List<TreeComparison.Difference> differences = TreeComparison.compare(fresh, committed);

    assertThat(differences).extracting(TreeComparison.Difference::path, TreeComparison.Difference::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(OutputMarker.PATH, TreeComparison.Difference.Kind.EXTRA),
        org.assertj.core.groups.Tuple.tuple("a/base/statefulset.yaml", TreeComparison.Difference.Kind.CHANGED),
        org.assertj.core.groups.Tuple.tuple("b/base/statefulset.yaml", TreeComparison.Difference.Kind.MISSING),
        org.assertj.core.groups.Tuple.tuple("old/base/statefulset.yaml", TreeComparison.Difference.Kind.EXTRA));
    assertThat(differences.get(1).diff()).contains(
        "--- a/a/base/statefulset.yaml", "+++ b/a/base/statefulset.yaml", "-  replicas: 3", "+  replicas: 5");
  }

  @Test
  void cutsALongDiffShort() {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      before.append("line ").append(i).append('\n');
      after.append("line ").append(i).append(" changed\n");
    }
    List<String> diff = TreeComparison.diff("f.yaml", text(before.toString()), text(after.toString()));
    assertThat(diff).hasSize(TreeComparison.MAX_DIFF_LINES + 1);
    assertThat(diff.get(diff.size() - 1)).matches("\\.\\.\\. \\(\\d+ more diff lines\\)");
  }

  @Test
  void masksSecretLookingValuesInTheDiffButStillShowsTheChange() {
    String committed = """
        spec:
          containers:
            - name: db
              env:
                - name: DB_PASS
                  value: old-hunter2
                - name: DATABASE_URL
                  value: postgres://app:old-pw@db:5432/orders
                - name: PGDATA
                  value: /var/lib/postgresql/data/pgdata
              args: ["--token=ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"]
        """;
    String fresh = committed.replace("old-hunter2", "new-hunter2").replace("old-pw", "new-pw")
        .replace("/var/lib/postgresql/data/pgdata", "/data/pgdata");

    List<String> diff = TreeComparison.diff("f.yaml", text(committed), text(fresh));

    assertThat(String.join("\n", diff)).doesNotContain("hunter2", "old-pw", "new-pw", "ghp_");
    assertThat(diff).contains("-          value: ***", "+          value: ***",
        "-          value: postgres://app:***@db:5432/orders", "+          value: postgres://app:***@db:5432/orders",
        "-          value: /var/lib/postgresql/data/pgdata", "+          value: /data/pgdata");
  }
}
