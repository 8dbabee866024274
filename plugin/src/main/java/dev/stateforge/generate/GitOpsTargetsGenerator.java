package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The Argo CD and Flux objects that point a cluster at one environment of the output:
 *
 * <pre>
 * argocd/kustomization.yaml          application-&lt;env&gt;.yaml each, or applicationset.yaml
 * flux/&lt;env&gt;/kustomization.yaml      flux-kustomization.yaml: the Flux Kustomization of one environment
 * </pre>
 *
 * A project without environments has one target, the top-level kustomization: {@code
 * argocd/application.yaml} and {@code flux/}. Each cluster's Flux gets the folder of its own
 * environment; one Argo CD may serve several clusters, so its objects sit together.
 */
final class GitOpsTargetsGenerator {
  static final String FLUX_FILE = ObjectKind.FLUX_KUSTOMIZATION.fileName();

  /** One thing to deploy: an environment (or, without environments, the whole output) and its path in the repository. */
  private record Target(String environment, String objectName, String path) {}

  private GitOpsTargetsGenerator() {}

  static List<OutputFile> files(GitOpsTargets targets, SortedSet<String> environments, List<AppSpec> apps) {
    List<Target> list = new ArrayList<>();
    if (environments.isEmpty()) {
      list.add(new Target(null, targets.name(), targets.repoPath()));
    } else {
      for (String environment : environments) {
        list.add(new Target(environment, targets.name() + "-" + environment,
            join(targets.repoPath(), TreePaths.environment(environment))));
      }
    }
    List<OutputFile> files = new ArrayList<>();
    if (targets.argoCd() != null) {
      files.addAll(argoCd(targets, targets.argoCd(), list));
    }
    if (targets.flux() != null) {
      for (Target target : list) {
        String dir = target.environment() == null ? TreePaths.FLUX : TreePaths.file(TreePaths.FLUX, target.environment());
        files.add(new OutputFile(TreePaths.file(dir, FLUX_FILE), null, fluxKustomization(targets.flux(), target, apps)));
        files.add(new OutputFile(TreePaths.file(dir, TreePaths.KUSTOMIZATION), null, Kustomization.of(List.of(FLUX_FILE))));
      }
    }
    return files;
  }

  private static List<OutputFile> argoCd(GitOpsTargets targets, GitOpsTargets.ArgoCd argo, List<Target> list) {
    List<OutputFile> files = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    if (argo.applicationSet()) {
      List<Map<String, Object>> elements = new ArrayList<>();
      for (Target target : list) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("name", target.objectName());
        element.put("path", target.path().isEmpty() ? "." : target.path());
        element.put("server", argo.destination(target.environment()));
        elements.add(element);
      }
      Map<String, Object> template = new LinkedHashMap<>();
      template.put("metadata", Map.of("name", "{{.name}}", "labels", Labels.shared()));
      template.put("spec", applicationSpec(argo, "{{.path}}", "{{.server}}"));
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("goTemplate", true);
      // A typo in the template fails the generator instead of creating an Application named "<no value>".
      spec.put("goTemplateOptions", List.of("missingkey=error"));
      spec.put("generators", List.of(Map.of("list", Map.of("elements", elements))));
      spec.put("template", template);
      files.add(new OutputFile(TreePaths.file(TreePaths.ARGOCD, ObjectKind.APPLICATION_SET.fileName()), null,
          resource(ObjectKind.APPLICATION_SET, targets.name(), argo.namespace(), spec)));
      resources.add(ObjectKind.APPLICATION_SET.fileName());
    } else {
      for (Target target : list) {
        String file = target.environment() == null
            ? ObjectKind.APPLICATION.fileName() : ObjectKind.APPLICATION.fileName(target.environment());
        files.add(new OutputFile(TreePaths.file(TreePaths.ARGOCD, file), null, resource(ObjectKind.APPLICATION, target.objectName(),
            argo.namespace(), applicationSpec(argo, target.path().isEmpty() ? "." : target.path(), argo.destination(target.environment())))));
        resources.add(file);
      }
    }
    files.add(new OutputFile(TreePaths.file(TreePaths.ARGOCD, TreePaths.KUSTOMIZATION), null, Kustomization.of(resources)));
    return files;
  }

  /**
   * Automated sync with pruning and self-heal: what Git says is what runs. Pruning is safe for data
   * because claims and classes carry {@code Prune=false,Delete=false}; PruneLast removes what left
   * Git only after everything else is healthy. No resources finalizer: deleting the Application
   * leaves the app running.
   */
  private static Map<String, Object> applicationSpec(GitOpsTargets.ArgoCd argo, String path, String server) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", argo.repoUrl());
    source.put("targetRevision", argo.revision());
    source.put("path", path);
    Map<String, Object> syncPolicy = new LinkedHashMap<>();
    syncPolicy.put("automated", Map.of("prune", true, "selfHeal", true));
    syncPolicy.put("syncOptions", List.of("PruneLast=true"));
    syncPolicy.put("retry", Map.of("limit", 5, "backoff", Map.of("duration", "10s", "factor", 2, "maxDuration", "3m")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", argo.project());
    spec.put("source", source);
    spec.put("destination", Map.of("server", server));
    spec.put("syncPolicy", syncPolicy);
    return spec;
  }

  /**
   * A Flux Kustomization for one environment. It waits for the StatefulSets to become ready rather
   * than for every object ({@code wait: true}): a backup claim of a first-consumer class stays
   * Pending until the first backup runs, which would fail every reconciliation until then.
   */
  private static GenericKubernetesResource fluxKustomization(GitOpsTargets.Flux flux, Target target, List<AppSpec> apps) {
    List<Map<String, Object>> healthChecks = new ArrayList<>();
    for (AppSpec app : apps) {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("apiVersion", ObjectKind.STATEFUL_SET.apiVersion());
      check.put("kind", ObjectKind.STATEFUL_SET.kind());
      check.put("name", app.name());
      app.namespaceIfSet().ifPresent(namespace -> check.put("namespace", namespace));
      healthChecks.add(check);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("retryInterval", "2m");
    spec.put("timeout", "5m");
    spec.put("path", "./" + target.path());
    spec.put("prune", true);
    spec.put("sourceRef", Map.of("kind", "GitRepository", "name", flux.source()));
    spec.put("healthChecks", healthChecks);
    return resource(ObjectKind.FLUX_KUSTOMIZATION, target.objectName(), flux.namespace(), spec);
  }

  private static GenericKubernetesResource resource(
      ObjectKind kind, String name, String namespace, Map<String, Object> spec) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(kind.apiVersion());
    resource.setKind(kind.kind());
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(Labels.shared()).build());
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  private static String join(String base, String path) {
    return base.isEmpty() ? path : base + "/" + path;
  }
}
