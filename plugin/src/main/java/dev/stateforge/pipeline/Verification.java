package dev.stateforge.pipeline;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.StateforgeBug;
import dev.stateforge.diag.Subject;
import dev.stateforge.diag.YamlPath;
import dev.stateforge.generate.AppObjects;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.verify.DataSafetyGuard;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.ObjectSet;
import dev.stateforge.verify.OutputSchemaCheck;
import dev.stateforge.verify.Placement;
import dev.stateforge.verify.PolicyCheck;
import dev.stateforge.verify.SchemaViolation;
import dev.stateforge.verify.VerifyContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks over what was generated, for the base and for what each environment's overlay builds
 * to: the strict Kubernetes schemas, the policy rules and the data-safety guard. An environment's
 * finding that the base has already is not repeated. Policy findings and guard changes come out
 * unacknowledged; {@link Acknowledgements} decides.
 */
public final class Verification {
  /**
   * Diagnostics that no spec can acknowledge, and findings that one may.
   *
   * @param shared whether a finding concerns more than one app: a policy finding or guard change on a
   *     cluster object, or a change that no single spec owns (a removed app); a per-app incremental
   *     build is then never taken, since a change to one app could change what another reports
   */
  public record Result(List<Diagnostic> diagnostics, List<Acknowledgeable> findings, boolean shared) {}

  /** The same rule saying the same thing about the same field of the same object: the base reports it once for every environment. */
  private record FindingKey(String rule, String namespace, String object, String pointer, String message) {
    static FindingKey of(Finding finding) {
      OutputObject target = finding.target();
      return new FindingKey(finding.ruleId(), target.object().getMetadata().getNamespace(), target.displayName(),
          finding.pointer(), finding.message());
    }
  }

  /** The same change the base makes: reported once, with the base. */
  private record ChangeKey(String code, String message) {
    static ChangeKey of(DataSafetyGuard.Change change) {
      return new ChangeKey(change.code().id(), change.message());
    }
  }

  private final String version;
  private final SpecPlacement placement;
  private final PatchSites patches;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Acknowledgeable> findings = new ArrayList<>();
  /** Schema violations at a patch already reported: an environment that inherits the patch does not repeat them. */
  private final Set<String> reportedAtPatches = new HashSet<>();
  /** See {@link Result#shared}. */
  private boolean shared;

  private Verification(List<CheckedApp> apps, Generated generated, String version) {
    this.version = version;
    this.placement = new SpecPlacement(apps);
    this.patches = new PatchSites(placement, generated);
  }

  /**
   * @param previous Stateforge's files of the previous output, by path, for the guard
   * @param previousOutput the previous output's display name, for a removed app's location
   */
  public static Result verify(List<CheckedApp> apps, Generated generated, String version, Map<String, byte[]> previous,
      String previousOutput) throws IOException {
    Verification verification = new Verification(apps, generated, version);
    ObjectSet base = new ObjectSet(generated.objects(), new VerifyContext(version,
        object -> verification.placement.owner(object).map(a -> a.app().engine()).orElse(EngineSpec.NONE),
        object -> verification.placement.owner(object).map(CheckedApp::app)));
    List<OutputObject> cluster = base.objects().stream().filter(o -> TreePaths.inCluster(o.file())).toList();
    List<EnvironmentSet> environments = verification.environmentSets(generated, cluster);

    verification.checkSchemas(base, base.objects());
    verification.checkSizes(base, base.objects(), null);
    // What each environment's overlay builds to passes the same schemas as the base; the trees are those the
    // policy rules and the guard read next.
    for (EnvironmentSet environment : environments) {
      verification.checkSchemas(environment.all(), environment.own());
      verification.checkSizes(environment.all(), environment.own(), environment.environment().name());
    }
    if (verification.diagnostics.stream().anyMatch(d -> d.code() == Codes.PATCH_SCHEMA)) {
      // A patch left an object its kind's schema rejects (a required field removed …): the rules and the
      // guard read objects that pass it, so they wait for the patch to be fixed.
      return new Result(List.copyOf(verification.diagnostics), List.of(), verification.shared);
    }
    verification.policy(base, environments);
    verification.guard(base, environments, previous, previousOutput);
    return new Result(List.copyOf(verification.diagnostics), List.copyOf(verification.findings), verification.shared);
  }

  /** One environment of one app: the checked environment, its own objects, and every object its build sees (with the cluster's). */
  private record EnvironmentSet(CheckedApp app, CheckedApp.Environment environment, List<OutputObject> own, ObjectSet all) {}

  private List<EnvironmentSet> environmentSets(Generated generated, List<OutputObject> cluster) {
    List<EnvironmentSet> out = new ArrayList<>();
    for (AppObjects objects : generated.apps()) {
      CheckedApp app = placement.app(objects.app().name()).orElseThrow();
      for (AppObjects.EnvironmentObjects environment : objects.environments()) {
        CheckedApp.Environment checked = app.environments().stream()
            .filter(e -> e.name().equals(environment.name())).findFirst().orElseThrow();
        List<OutputObject> own = environment.inOverlay(app.name());
        List<OutputObject> all = new ArrayList<>(cluster);
        all.addAll(own);
        EngineSpec engine = checked.variant().engine();
        AppSpec variant = checked.variant();
        out.add(new EnvironmentSet(app, checked, own, new ObjectSet(all,
            new VerifyContext(version, object -> engine, object -> own.contains(object) ? Optional.of(variant) : Optional.empty()))));
      }
    }
    return out;
  }

  /**
   * Every object must pass the strict schema of the target version. A field that only a newer
   * version has is the user's choice to report, and so is a violation in or around a field a spec's
   * patch touched (reported at the patch, once); any other violation is a bug in Stateforge.
   */
  private void checkSchemas(ObjectSet objects, List<OutputObject> which) {
    List<String> bugs = new ArrayList<>();
    for (SchemaViolation violation : OutputSchemaCheck.check(objects, which, version)) {
      String field = YamlPath.dotted(violation.pointer());
      Optional<PatchSites.Site> patch = violation.newerVersion() == null
          ? patches.site(violation.target(), violation.pointer(), true) : Optional.empty();
      if (patch.isPresent()) {
        PatchSites.Site site = patch.get();
        String message = violation.target().displayName() + " " + field + ": " + violation.message()
            + " in Kubernetes " + version + ", after the patch";
        if (reportedAtPatches.add(site.path() + " " + message)) {
          diagnostics.add(new Diagnostic(Severity.ERROR, Codes.PATCH_SCHEMA, site.location(), site.path(),
              site.subject().onObject(violation.target().displayName()), message,
              "a patch must leave a valid " + violation.target().kind() + ": check the field's name, type and place "
                  + "against the Kubernetes API reference"));
        }
        continue;
      }
      if (violation.newerVersion() == null) {
        bugs.add(violation.target().file() + " " + field + ": " + violation.message());
        continue;
      }
      Optional<CheckedApp> owner = placement.owner(violation.target());
      diagnostics.add(new Diagnostic(Severity.ERROR, Codes.KUBERNETES_VERSION_FIELD,
              owner.map(o -> o.sourceMap().locate(SpecPath.ROOT)).orElse(Location.NONE), SpecPath.ROOT,
              owner.map(o -> Subject.app(o.name())).orElse(Subject.NONE).onObject(violation.target().displayName()),
              violation.target().displayName() + " " + field + ": " + violation.message() + " in Kubernetes " + version
                  + " (Kubernetes " + violation.newerVersion() + " has it)",
              "target a newer version with <kubernetesVersion>" + violation.newerVersion()
                  + "</kubernetesVersion>, or drop the spec key that produces it"));
    }
    if (!bugs.isEmpty()) {
      throw new StateforgeBug("generated manifests break the Kubernetes " + version + " schema:\n  "
          + String.join("\n  ", bugs));
    }
  }

  /**
   * Every object must fit in one etcd request: etcd's --max-request-bytes is 1.5 MiB by default, and
   * the API server refuses to store a larger object when the output is applied, after the objects
   * before it were. Measured as compact JSON, which is larger than the protobuf etcd stores, so only
   * an object over the limit as JSON is reported; reached by long peer lists in several containers,
   * many env entries or patches with large values.
   */
  private void checkSizes(ObjectSet objects, List<OutputObject> which, String environment) {
    for (OutputObject object : which) {
      long size = objects.jsonSize(object);
      if (size <= MAX_OBJECT_BYTES) {
        continue;
      }
      Optional<CheckedApp> owner = placement.owner(object);
      Subject subject = owner.map(o -> Subject.app(o.name())).orElse(Subject.NONE);
      subject = (environment == null ? subject : subject.inEnvironment(environment)).onObject(object.displayName());
      // The environment whose values made it too large, else the spec as a whole: no one key makes an object large.
      SpecPath at = environment == null ? SpecPath.ROOT : SpecPath.of("environments", environment);
      diagnostics.add(new Diagnostic(Severity.ERROR, Codes.OBJECT_TOO_LARGE,
          owner.map(o -> o.sourceMap().locate(at)).orElse(Location.NONE), at, subject,
          object.displayName() + " is " + String.format("%,d", size) + " bytes as JSON, more than the 1.5 MiB ("
              + String.format("%,d", MAX_OBJECT_BYTES) + " bytes) that etcd takes in one request: "
              + "the API server would refuse it when the output is applied",
          "the StatefulSet holds every container's env (each cluster.peers list once per container that gets it) and "
              + "every patch's value: put long lists into a config file ({peers:NAME}), large data on a volume, "
              + "and drop what the containers do not use"));
    }
  }

  /** etcd's default --max-request-bytes (1.5 MiB): the largest object the API server can store. */
  static final long MAX_OBJECT_BYTES = 1_572_864;

  /** Policy rules over the base, then what each environment adds; a finding on a shared StorageClass answers every declaring app. */
  private void policy(ObjectSet base, List<EnvironmentSet> environments) {
    List<Finding> baseFindings = PolicyCheck.findings(base);
    Set<FindingKey> known = new HashSet<>();
    for (Finding finding : baseFindings) {
      known.add(FindingKey.of(finding));
      shared |= TreePaths.inCluster(finding.target().file());
      Optional<CheckedApp> owner = placement.owner(finding.target());
      findings.add(new Acknowledgeable(PolicyCheck.toDiagnostic(finding, patches.around(placement)),
          owner.map(o -> List.of(o.app().acknowledgements())).orElse(List.of()),
          placement.owners(finding.target()).stream().map(CheckedApp::name).toList(),
          secretWithoutConsent(finding, owner.map(CheckedApp::app)), consented(finding, owner.map(CheckedApp::app))));
    }
    for (EnvironmentSet environment : environments) {
      Placement inEnvironment = new EnvironmentPlacement(environment.app(), environment.environment());
      AppSpec variant = environment.environment().variant();
      for (Finding finding : PolicyCheck.findings(environment.all())) {
        if (TreePaths.inCluster(finding.target().file()) || known.contains(FindingKey.of(finding))) {
          continue; // cluster objects are checked once, with the base
        }
        findings.add(new Acknowledgeable(PolicyCheck.toDiagnostic(finding, patches.around(inEnvironment)),
            List.of(variant.acknowledgements()), List.of(environment.app().name()),
            secretWithoutConsent(finding, Optional.of(variant)), consented(finding, Optional.of(variant))));
      }
    }
  }

  /** The writeSecretsToGitInPlainText entry a secret-writing finding uses, if the owner lists its path. */
  private static String consented(Finding finding, Optional<AppSpec> owner) {
    String path = finding.specPath().toString();
    return finding.rule().writesSecret() && owner.filter(a -> a.secretsInGit().contains(path)).isPresent() ? path : null;
  }

  private static SpecPath secretWithoutConsent(Finding finding, Optional<AppSpec> owner) {
    boolean consented = owner.filter(a -> a.secretsInGit().contains(finding.specPath().toString())).isPresent();
    return finding.rule().writesSecret() && !consented ? finding.specPath() : null;
  }

  /**
   * The data-safety guard over the base and over each environment: what is built now against what
   * the previous output built to. A change is reported at the spec key that made it (in the app's
   * spec, or the first spec that declares a changed class); a removed app has no spec left, so any
   * remaining spec may acknowledge its removal.
   */
  private void guard(ObjectSet base, List<EnvironmentSet> environments, Map<String, byte[]> previous, String previousOutput)
      throws IOException {
    Set<ChangeKey> known = new HashSet<>();
    for (DataSafetyGuard.Change change : DataSafetyGuard.compare(previous, base)) {
      known.add(ChangeKey.of(change));
      Optional<CheckedApp> owner = change.app().equals(TreePaths.CLUSTER)
          ? placement.apps().stream().filter(a -> declaresChangedClass(a, change)).findFirst()
          : placement.app(change.app());
      List<CheckedApp> answering = owner.map(List::of).orElse(placement.apps());
      shared |= change.app().equals(TreePaths.CLUSTER) || owner.isEmpty();
      // A removed app has no spec line left: point at the file of the previous output that holds it.
      Location where = owner.map(o -> o.sourceMap().locate(change.specPath()))
          .orElse(Location.of(previousOutput + "/" + change.file(), 0));
      SpecPath path = change.specPath();
      // A change a spec's patch made is the patch's: reported at its operation.
      Optional<PatchSites.Site> patch = patchOf(change);
      if (patch.isPresent()) {
        where = patch.get().location();
        path = patch.get().path();
      }
      findings.add(new Acknowledgeable(
          new Diagnostic(change.severity(), change.code(), where, path, Subject.app(change.app()),
              change.message(), change.hint()),
          answering.stream().map(a -> a.app().acknowledgements()).toList(),
          answering.stream().map(CheckedApp::name).toList(), null, null));
    }
    for (EnvironmentSet environment : environments) {
      String app = environment.app().name();
      CheckedApp.Environment checked = environment.environment();
      for (DataSafetyGuard.Change change : DataSafetyGuard.compareEnvironment(previous, app, checked.name(), environment.all())) {
        if (known.contains(ChangeKey.of(change))) {
          continue;
        }
        Optional<PatchSites.Site> patch = patchOf(change);
        findings.add(new Acknowledgeable(
            new Diagnostic(change.severity(), change.code(),
                patch.map(PatchSites.Site::location).orElseGet(() -> checked.sourceMap().locate(change.specPath())),
                patch.<SpecPath>map(PatchSites.Site::path).orElseGet(() -> checked.shown(change.specPath())),
                new Subject(app, checked.name(), ""), change.message(), change.hint()),
            List.of(checked.variant().acknowledgements()), List.of(app), null, null));
      }
    }
  }

  private Optional<PatchSites.Site> patchOf(DataSafetyGuard.Change change) {
    return change.pointer() == null ? Optional.empty() : patches.site(change.file(), change.object(), change.pointer(), true);
  }

  /** storageClasses.<name>.<field>: whether the app declares the class that changed. */
  private static boolean declaresChangedClass(CheckedApp app, DataSafetyGuard.Change change) {
    String name = (String) change.specPath().elements().get(1);
    return ProjectLayout.declaresClass(app.app(), name);
  }

  /** Places a finding in an environment: at its override when it sets the key, else at the base spec's line. */
  private record EnvironmentPlacement(CheckedApp app, CheckedApp.Environment environment) implements Placement {
    @Override
    public Location locate(Finding finding) {
      return environment.sourceMap().locate(finding.specPath());
    }

    @Override
    public SpecPath pathOf(Finding finding) {
      return environment.shown(finding.specPath());
    }

    @Override
    public Subject subjectOf(Finding finding) {
      return new Subject(app.name(), environment.name(), "");
    }
  }
}
