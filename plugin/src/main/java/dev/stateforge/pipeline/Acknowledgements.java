package dev.stateforge.pipeline;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.verify.PolicyCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one acknowledgement pass, after every check: a finding its owner accepted with a reason becomes
 * a note; an acknowledgement that accepted nothing is reported, so that it cannot hide a future finding.
 */
public final class Acknowledgements {
  private Acknowledgements() {}

  /** An app's acknowledgement of one code. */
  private record Use(String app, String code) {}

  /** An app's writeSecretsToGitInPlainText entry that a finding needed. */
  private record Consent(String app, String path) {}

  public static List<Diagnostic> apply(List<Acknowledgeable> findings, List<CheckedApp> apps) {
    List<Diagnostic> out = new ArrayList<>();
    applyByApp(findings, apps).values().forEach(out::addAll);
    return out;
  }

  /**
   * The same pass, each diagnostic under the app it belongs to: a finding under its subject's app
   * ("" when it has none), an unused acknowledgement under the app that wrote it. What a per-app
   * incremental build keeps, so that an unchanged app's share of the report can be reused.
   */
  public static Map<String, List<Diagnostic>> applyByApp(List<Acknowledgeable> findings, List<CheckedApp> apps) {
    Map<String, List<Diagnostic>> byApp = new java.util.TreeMap<>();
    Set<Use> used = new HashSet<>();
    Set<Consent> consents = new HashSet<>();
    for (Acknowledgeable finding : findings) {
      List<Diagnostic> out = byApp.computeIfAbsent(finding.diagnostic().subject().app(), a -> new ArrayList<>());
      String code = finding.diagnostic().code().id();
      finding.answers().forEach(app -> used.add(new Use(app, code)));
      if (finding.consented() != null) {
        finding.answers().forEach(app -> consents.add(new Consent(app, finding.consented())));
      }
      String reason = finding.acknowledgements().stream()
          .map(acknowledgements -> acknowledgements.get(code))
          .filter(r -> r != null)
          .findFirst().orElse(null);
      if (reason == null) {
        out.add(finding.diagnostic());
      } else if (finding.secretWithoutConsent() != null) {
        out.add(PolicyCheck.acknowledgedWithoutConsent(finding.diagnostic(), finding.secretWithoutConsent()));
      } else {
        out.add(finding.diagnostic().acknowledged(reason));
      }
    }
    for (CheckedApp app : apps) {
      List<Diagnostic> out = byApp.computeIfAbsent(app.name(), a -> new ArrayList<>());
      for (Map.Entry<String, String> acknowledgement : app.app().acknowledgements().entrySet()) {
        String code = acknowledgement.getKey();
        if (!used.contains(new Use(app.name(), code))) {
          SpecPath path = SpecPath.of("acknowledge", code);
          out.add(Diagnostic.warning(Codes.ACKNOWLEDGEMENT_UNUSED, app.sourceMap().locate(path), path,
                  "nothing to acknowledge: rule " + code + " finds nothing in " + app.name())
              .withHint("remove this acknowledgement, so that a future finding is not hidden"));
        }
      }
      // A consent to write a secret into Git that no finding needs would let the next literal there through unseen.
      List<String> secrets = app.app().secretsInGit();
      for (int i = 0; i < secrets.size(); i++) {
        if (!consents.contains(new Consent(app.name(), secrets.get(i)))) {
          SpecPath path = SpecPath.of(PolicyCheck.WRITE_SECRETS_KEY, i);
          out.add(Diagnostic.warning(Codes.ACKNOWLEDGEMENT_UNUSED, app.sourceMap().locate(path), path,
                  "nothing to write: " + app.name() + " has no secret-looking literal at " + secrets.get(i))
              .withHint("remove it from " + PolicyCheck.WRITE_SECRETS_KEY + ", so that a future literal there is not written into Git unnoticed"));
        }
      }
    }
    return byApp;
  }
}
