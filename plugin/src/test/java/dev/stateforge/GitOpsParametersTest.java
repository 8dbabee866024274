package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.diag.Diagnostics;
import dev.stateforge.generate.GitOpsTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsParametersTest {
  static GitOpsParameters flux(String repoPath) {
    GitOpsParameters d = GitOpsParameters.NONE;
    return new GitOpsParameters("none", true, "shop", null, repoPath, d.revision(), d.argocdNamespace(), d.argocdProject(),
        Map.of(), d.fluxNamespace(), d.fluxSource());
  }

  @Test
  void withoutRepoPathTheOutputsPlaceInTheEnclosingRepositoryIsUsed(@TempDir Path repo) throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    Diagnostics diagnostics = new Diagnostics();
    GitOpsTargets targets = flux(null).resolve(repo.resolve("teams/data/deploy"), Set.of(), diagnostics).orElseThrow();
    assertThat(targets.repoPath()).isEqualTo("teams/data/deploy");
    assertThat(diagnostics.sorted()).isEmpty();
  }

  @Test
  void aWorktreesGitFileCountsAsTheRepository(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
    assertThat(GitOpsParameters.repositoryPath(repo.resolve("deploy"))).contains("deploy");
    assertThat(GitOpsParameters.repositoryPath(repo)).contains("");
  }

  @Test
  void outsideARepositoryRepoPathIsRequired(@TempDir Path dir) {
    Diagnostics diagnostics = new Diagnostics();
    // A temporary folder can sit inside a checkout only if the machine's temp dir does; skip the claim then.
    if (GitOpsParameters.repositoryPath(dir).isPresent()) {
      return;
    }
    assertThat(flux(null).resolve(dir.resolve("deploy"), Set.of(), diagnostics)).isEmpty();
    assertThat(diagnostics.sorted()).singleElement()
        .satisfies(d -> assertThat(d.code() + " " + d.path().toString()).isEqualTo("gitops-parameter repoPath"));
  }

  @Test
  void aGivenRepoPathIsNormalized(@TempDir Path dir) {
    Diagnostics diagnostics = new Diagnostics();
    assertThat(flux("./deploy/").resolve(dir, Set.of(), diagnostics).orElseThrow().repoPath()).isEqualTo("deploy");
    assertThat(flux(".").resolve(dir, Set.of(), diagnostics).orElseThrow().repoPath()).isEmpty();
    assertThat(flux("/abs").resolve(dir, Set.of(), diagnostics)).isEmpty();
  }

  @Test
  void nothingAskedNothingChecked(@TempDir Path dir) {
    Diagnostics diagnostics = new Diagnostics();
    assertThat(GitOpsParameters.NONE.resolve(dir, Set.of(), diagnostics)).contains(GitOpsTargets.NONE);
    assertThat(diagnostics.sorted()).isEmpty();
  }
}
