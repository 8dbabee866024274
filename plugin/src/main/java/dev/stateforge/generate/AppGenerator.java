package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * All objects of one app's kustomize base, in dependency order: Services, the network policy, the files' ConfigMap, standalone claims, the
 * StatefulSet, then its disruption budget.
 */
public final class AppGenerator {
  private AppGenerator() {}

  public static List<OutputObject> generate(AppSpec app) {
    List<OutputObject> manifests = new ArrayList<>();
    manifests.add(ServiceGenerator.headless(app));
    ServiceGenerator.client(app).ifPresent(manifests::add);
    manifests.addAll(ServiceGenerator.byRole(app));
    NetworkPolicyGenerator.generate(app).ifPresent(manifests::add);
    ConfigFiles.configMap(app).ifPresent(manifests::add);
    manifests.addAll(PvcGenerator.shared(app));
    manifests.add(StatefulSetGenerator.generate(app));
    PdbGenerator.generate(app).ifPresent(manifests::add);
    return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.BASE, manifests);
  }
}
