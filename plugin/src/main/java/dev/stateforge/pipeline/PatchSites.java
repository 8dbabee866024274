package dev.stateforge.pipeline;

import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Subject;
import dev.stateforge.generate.AppObjects;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.SpecPatches;
import dev.stateforge.verify.Finding;
import dev.stateforge.verify.Placement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a finding on a patched field comes from: the patch operation that touched it, in the base
 * spec or in the environment that sets its own patches. A field is the patch's when its pointer is
 * the operation's path or lies under it; for a schema violation, also when the operation's path
 * lies under the violation's (a required field removed, an unknown field added to an object).
 */
final class PatchSites {
  /** A patch operation as a finding is reported at it. */
  record Site(Location location, SpecPath path, Subject subject) {}

  private final SpecPlacement placement;
  private final Map<String, AppObjects> apps = new HashMap<>();

  PatchSites(SpecPlacement placement, Generated generated) {
    this.placement = placement;
    generated.apps().forEach(a -> apps.put(a.app().name(), a));
  }

  /**
   * The patch operation behind {@code pointer} of {@code object} (placed in the output tree), if a
   * patch touched it.
   *
   * @param around also when the operation's path lies under {@code pointer}
   */
  Optional<Site> site(OutputObject object, String pointer, boolean around) {
    return site(object.file(), object.displayName(), pointer, around);
  }

  /** As above, for an object known by its file in the output tree and its {@code Kind/name}. */
  Optional<Site> site(String file, String object, String pointer, boolean around) {
    String[] parts = file.split("/");
    AppObjects objects = apps.get(parts[0]);
    Optional<CheckedApp> app = placement.app(parts[0]);
    if (objects == null || app.isEmpty()) {
      return Optional.empty();
    }
    String at = pointer == null ? "" : pointer;
    if (parts.length == 4 && parts[1].equals("overlays")) {
      Optional<AppObjects.EnvironmentObjects> environment =
          objects.environments().stream().filter(e -> e.name().equals(parts[2])).findFirst();
      Optional<CheckedApp.Environment> checked =
          app.get().environments().stream().filter(e -> e.name().equals(parts[2])).findFirst();
      if (environment.isEmpty() || checked.isEmpty()) {
        return Optional.empty();
      }
      return match(environment.get().patches().touched().get(object), at, around)
          .map(path -> new Site(checked.get().sourceMap().locate(path), checked.get().shown(path),
              new Subject(app.get().name(), checked.get().name(), "")));
    }
    return match(objects.patches().touched().get(object), at, around)
        .map(path -> new Site(app.get().sourceMap().locate(path), path, Subject.app(app.get().name())));
  }

  /**
   * The last operation whose path holds {@code pointer} (the deepest wins a tie); else, for a policy
   * finding about a field object (securityContext/capabilities, resources/requests), the last
   * operation on one of its own fields; else, if asked ({@code around}), the last one anywhere under
   * it. A finding about a whole container or pod spec is never a patch's for a field beside it.
   */
  static Optional<SpecPath> match(List<SpecPatches.Touch> touches, String pointer, boolean around) {
    if (touches == null) {
      return Optional.empty();
    }
    SpecPatches.Touch best = null;
    for (SpecPatches.Touch touch : touches) {
      boolean holds = pointer.equals(touch.pointer()) || pointer.startsWith(touch.pointer() + "/");
      if (holds && (best == null || touch.pointer().length() >= best.pointer().length())) {
        best = touch;
      }
    }
    if (best == null) {
      String last = pointer.substring(pointer.lastIndexOf('/') + 1);
      boolean fieldObject = !pointer.isEmpty() && !last.matches("[0-9]+") && !last.equals("spec");
      for (SpecPatches.Touch touch : touches) {
        boolean under = touch.pointer().startsWith(pointer + "/");
        boolean ownField = under && touch.pointer().indexOf('/', pointer.length() + 1) < 0;
        if (under && (around || fieldObject && ownField)) {
          best = touch;
        }
      }
    }
    return Optional.ofNullable(best).map(SpecPatches.Touch::at);
  }

  /** {@code inner}, but a policy finding on a field a patch set is reported at the patch. */
  Placement around(Placement inner) {
    return new Placement() {
      @Override
      public Location locate(Finding finding) {
        return site(finding.target(), finding.pointer(), false).map(Site::location).orElseGet(() -> inner.locate(finding));
      }

      @Override
      public DiagnosticPath pathOf(Finding finding) {
        return site(finding.target(), finding.pointer(), false).<DiagnosticPath>map(Site::path)
            .orElseGet(() -> inner.pathOf(finding));
      }

      @Override
      public Subject subjectOf(Finding finding) {
        return inner.subjectOf(finding);
      }

      @Override
      public String hintOf(Finding finding) {
        String hint = inner.hintOf(finding);
        return site(finding.target(), finding.pointer(), false).isPresent()
            ? "a patch sets this field: change the patch, or " + hint
            : hint;
      }
    };
  }
}
