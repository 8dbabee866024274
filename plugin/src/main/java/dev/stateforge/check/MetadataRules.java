package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.SpecKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The user's labels and annotations may not set what Stateforge sets: the selector labels (a
 * selector is immutable, and a pod label that differs from it would leave the StatefulSet with no
 * pods), the other app labels, and the GitOps annotations on the Services. Metadata for a client
 * Service that does not exist is reported too, as it would silently go nowhere.
 */
public final class MetadataRules implements SpecRule {
  /** Labels.NAME and Labels.INSTANCE (generate may not be imported here; MetadataRulesTest ties them). */
  static final Set<String> SELECTOR_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance");
  /** Labels.MANAGED_BY and Labels.VERSION. */
  static final Set<String> APP_LABELS = Set.of("app.kubernetes.io/managed-by", "app.kubernetes.io/version");
  /** The annotations GitOpsAnnotations writes on an app's objects. */
  static final Set<String> GITOPS_ANNOTATIONS =
      Set.of("argocd.argoproj.io/sync-wave", "argocd.argoproj.io/sync-options", "kustomize.toolkit.fluxcd.io/prune");

  /** Mirrors {@code ConfigFiles.CHECKSUM_ANNOTATION}, written on the pod template. */
  static final String FILES_CHECKSUM = "stateforge.dev/files-checksum";

  @Override
  public void check(AppSpec app, Reporter report) {
    MetadataSpec metadata = app.metadata();
    // A kept selector (cluster.selector) is the selector too: its labels are Stateforge's on every pod.
    Set<String> selector = new java.util.TreeSet<>(SELECTOR_LABELS);
    selector.addAll(app.cluster().selector().keySet());
    checkObject("pod", metadata.pod(), false, selector, report);
    checkObject("service", metadata.service(), true, selector, report);
    checkObject("headlessService", metadata.headlessService(), true, selector, report);
    if (app.clientPorts().isEmpty() && !metadata.service().isEmpty()) {
      SpecPath path = SpecKeys.METADATA.key("service");
      report.warning(Codes.SERVICE_METADATA_UNUSED, path,
              "the app has no port of role client, so it has no client Service to carry these labels and annotations")
          .hint("declare the port clients use under ports (role client), or move them to metadata.headlessService");
    }
  }

  private static void checkObject(
      String object, MetadataSpec.Extra extra, boolean service, Set<String> selector, Reporter report) {
    for (String key : extra.labels().keySet()) {
      String why = selector.contains(key)
          ? "is set by Stateforge and is part of the selector, which is immutable on a StatefulSet and selects the pods"
              + " for the Services and the disruption budget"
          : APP_LABELS.contains(key) ? "is set by Stateforge on every object of the app" : null;
      if (why != null) {
        SpecPath path = SpecKeys.metadata(object, "labels", key);
        report.error(Codes.METADATA_RESERVED, path, "label " + key + " " + why)
            .hint("use a label of your own, such as app.kubernetes.io/part-of or team");
      }
    }
    if (!service && extra.annotations().containsKey(FILES_CHECKSUM)) {
      report.error(Codes.METADATA_RESERVED, SpecKeys.metadata(object, "annotations", FILES_CHECKSUM),
              "annotation " + FILES_CHECKSUM + " is set by Stateforge to the checksum of the config files")
          .hint("leave it to Stateforge: a change of a file under files rolls the pods by itself");
    }
    if (service) {
      for (String key : extra.annotations().keySet()) {
        if (GITOPS_ANNOTATIONS.contains(key)) {
          SpecPath path = SpecKeys.metadata(object, "annotations", key);
          report.error(Codes.METADATA_RESERVED, path,
                  "annotation " + key + " is set by Stateforge for Argo CD or Flux")
              .hint("set sync waves and prune protection under gitops");
        }
      }
    }
  }
}
