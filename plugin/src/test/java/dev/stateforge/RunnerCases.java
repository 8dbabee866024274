package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import java.nio.file.Path;

/** A golden case compiled and one kustomize directory of one app built: what a pod-runner scenario starts from. */
final class RunnerCases {
  private RunnerCases() {}

  static AppObjects build(String caseName, Path out, String app, String dir) throws Exception {
    CompileReport report = new Compiler().build(CaseRequest.of(GoldenCasesTest.CASES.resolve(caseName), out));
    assertThat(report.hasErrors()).isFalse();
    KustomizeBuildTest.Result built = KustomizeBuildTest.kustomize(out.resolve(app).resolve(dir));
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    return AppObjects.parse(built.stdout());
  }
}
