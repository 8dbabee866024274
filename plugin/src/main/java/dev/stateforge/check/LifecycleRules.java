package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.SpecKeys;
import java.util.List;

/**
 * A preStop hook that cannot finish: the container is killed terminationGracePeriodSeconds after
 * it is asked to stop, hook or not. The hook's length is only known when it is a plain
 * {@code sleep N}; otherwise only a grace period of 0 is sure to cut it short. Checked for the main
 * container's hook and each sidecar's.
 */
public final class LifecycleRules implements SpecRule {

  @Override
  public void check(AppSpec app, Reporter report) {
    check(app.lifecycle().preStop(), SpecKeys.PRE_STOP_COMMAND, app.terminationGracePeriodSeconds(), report);
    // A sidecar's hook runs within the same grace period: the pod's, which covers every container.
    for (int i = 0; i < app.sidecars().size(); i++) {
      SpecPath at = SpecPath.of("sidecars").index(i).key("lifecycle").key("preStop").key("exec").key("command");
      check(app.sidecars().get(i).lifecycle().preStop(), at, app.terminationGracePeriodSeconds(), report);
    }
  }

  private static void check(List<String> preStop, SpecPath path, int grace, Reporter report) {
    if (preStop.isEmpty()) {
      return;
    }
    long sleeps = sleepSeconds(preStop);
    if (grace == 0 || sleeps >= grace) {
      String message = sleeps >= grace && sleeps > 0
          ? "the preStop hook sleeps " + sleeps + " s, but the container is killed " + grace
              + " s after it is asked to stop (terminationGracePeriodSeconds), so the hook never finishes"
          : "terminationGracePeriodSeconds is 0, so the container is killed without waiting for its preStop hook";
      report.warning(Codes.PRESTOP_GRACE_PERIOD, path, message)
          .hint("give terminationGracePeriodSeconds the hook's longest run plus the time the engine needs to stop after it");
    }
  }

  /** The seconds of a hook that is {@code sleep N} (whole seconds), else -1. */
  static long sleepSeconds(List<String> command) {
    if (command.size() != 2 || !(command.get(0).equals("sleep") || command.get(0).endsWith("/sleep"))
        || !command.get(1).matches("[0-9]{1,9}")) {
      return -1;
    }
    return Long.parseLong(command.get(1));
  }
}
