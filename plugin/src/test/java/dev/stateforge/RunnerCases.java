package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import java.nio.file.Path;

/** A golden case compiled and one kustomize directory of one app built: what a pod-runner scenario starts from. */
final class RunnerCases {
  private RunnerCases() {}

  static AppObjects build(String caseName, Path out, String app, String dir) throws Exception {
    return build(GoldenCasesTest.CASES.resolve(caseName), out, app, dir);
  }

  /** A project laid out as a case (specs under input/), compiled the same way. */
  static AppObjects build(Path caseDir, Path out, String app, String dir) throws Exception {
    CompileReport report = new Compiler().build(CaseRequest.of(caseDir, out));
    assertThat(report.hasErrors()).as(report.diagnostics().toString()).isFalse();
    KustomizeBuildTest.Result built = KustomizeBuildTest.kustomize(out.resolve(app).resolve(dir));
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    return AppObjects.parse(built.stdout());
  }
}
