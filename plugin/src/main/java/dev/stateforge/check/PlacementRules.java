package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.PodPlacement;
import dev.stateforge.spec.SpecKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerations the API server would refuse: a value with no key to match it against, and
 * tolerationSeconds on an effect other than NoExecute (only NoExecute evicts, so only it can wait).
 */
public final class PlacementRules implements SpecRule {

  @Override
  public void check(AppSpec app, Reporter report) {
    List<PodPlacement.Toleration> tolerations = app.placement().tolerations();
    for (int i = 0; i < tolerations.size(); i++) {
      PodPlacement.Toleration toleration = tolerations.get(i);
      if (toleration.key() == null && toleration.value() != null) {
        SpecPath path = SpecKeys.toleration(i, "value");
        report.error(Codes.TOLERATION_INVALID, path,
                "a toleration with a value needs the key of the taint whose value it matches")
            .hint("add the taint's key, or drop the value to tolerate every taint"
                + (toleration.effect() == null ? "" : " of effect " + toleration.effect()));
      }
      if (toleration.tolerationSeconds() != null && !"NoExecute".equals(toleration.effect())) {
        SpecPath path = SpecKeys.toleration(i, "tolerationSeconds");
        report.error(Codes.TOLERATION_INVALID, path,
                "tolerationSeconds needs effect NoExecute" + (toleration.effect() == null ? "" : ", not " + toleration.effect())
                    + ": only a NoExecute taint evicts running pods, so only it has a time to wait")
            .hint("set effect = NoExecute, or drop tolerationSeconds");
      }
    }
  }
}
