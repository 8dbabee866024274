package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.YamlPath;
import dev.stateforge.generate.OutputObject;
import java.util.ArrayList;
import java.util.List;

/** A field whose feature gate is off on the target version: the cluster keeps it and ignores it. */
final class FeatureGateRule extends AbstractRule {
  FeatureGateRule() {
    super(Codes.FEATURE_GATE_OFF, Severity.WARNING, "fields must not depend on a feature gate that is off by default on the target version");
  }

  @Override
  public List<Finding> check(OutputObject object, ObjectSet all) {
    String version = all.context().kubernetesVersion();
    List<FeatureGates.Gate> gates = FeatureGates.notOnIn(version).stream().filter(g -> g.kind().equals(object.kind())).toList();
    if (gates.isEmpty()) {
      return List.of();
    }
    JsonNode tree = all.tree(object);
    List<Finding> out = new ArrayList<>();
    for (FeatureGates.Gate gate : gates) {
      if (tree.at(gate.pointer()).isMissingNode() || tree.at(gate.pointer()).isNull()) {
        continue;
      }
      String state = gate.stateIn(version) == FeatureGates.State.OFF ? "off by default in Kubernetes " + version
          : "off by default in some patch releases of Kubernetes " + version;
      out.add(finding(object, gate.pointer(), gate.specKey(),
          object.displayName() + " sets " + YamlPath.dotted(gate.pointer()) + ", which needs the feature gate "
              + gate.name() + ", " + state + " (on by default " + gate.onByDefault() + "): the cluster keeps the field "
              + "and ignores it",
          "drop " + gate.specKey() + ", or, when your cluster turns " + gate.name() + " on, acknowledge { "
              + id() + " = \"why\" }"));
    }
    return out;
  }
}
