package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.CronSchedule;
import dev.stateforge.spec.MonitoringSpec;
import dev.stateforge.spec.VolumeSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The monitoring component: a Prometheus Operator PodMonitor for the metrics port (pods, not
 * Services, so the two Services of the app are not scraped twice), and a PrometheusRule that alerts
 * on what hurts a stateful app: a data volume filling up, replicas not ready, a backup that failed
 * or has not succeeded within its recovery-point objective, a restore drill that failed or is overdue. Metrics come from the kubelet and kube-state-metrics.
 */
public final class MonitoringGenerator {

  private MonitoringGenerator() {}

  public static List<OutputObject> generate(AppSpec app) {
    MonitoringSpec monitoring = app.monitors().orElseThrow();
    List<OutputObject> manifests = new ArrayList<>();
    monitoring.metricsPort().ifPresent(port -> manifests.add(OutputObject.of(podMonitor(app, monitoring, port))));
    manifests.add(OutputObject.of(rules(app, monitoring)));
    return GitOpsAnnotations.annotate(app, GitOpsAnnotations.Part.MONITORING, manifests);
  }

  private static GenericKubernetesResource podMonitor(AppSpec app, MonitoringSpec monitoring, String port) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", port);
    endpoint.put("path", monitoring.path());
    endpoint.put("interval", monitoring.interval());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", Map.of("matchLabels", Labels.selector(app)));
    spec.put("podMetricsEndpoints", List.of(endpoint));
    return resource(app, ObjectKind.POD_MONITOR, spec);
  }

  private static GenericKubernetesResource rules(AppSpec app, MonitoringSpec monitoring) {
    String title = title(app.name());
    String ns = app.namespaceIfSet().map(n -> "namespace=\"" + n + "\", ").orElse("");
    List<Map<String, Object>> rules = new ArrayList<>();
    List<VolumeSpec> perPod = app.storage().perPodVolumes();
    if (!perPod.isEmpty()) {
      String claims = perPod.stream().map(VolumeSpec::name).collect(Collectors.joining("|", "(", ")")) + "-" + app.name() + "-[0-9]+";
      String selector = "{" + ns + "persistentvolumeclaim=~\"" + claims + "\"}";
      rules.add(alert(title + "VolumeFilling",
          "max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes" + selector
              + " / kubelet_volume_stats_capacity_bytes" + selector + ") * 100 > " + monitoring.volumeFullPercent(),
          "15m", "warning",
          "A data volume of " + app.name() + " is more than " + monitoring.volumeFullPercent() + "% full",
          "{{ $labels.persistentvolumeclaim }} is {{ $value | humanize }}% full. Grow it before it fills: see the guide on resizing a volume safely."));
    }
    String set = "{" + ns + "statefulset=\"" + app.name() + "\"}";
    rules.add(alert(title + "ReplicasNotReady",
        "kube_statefulset_replicas" + set + " - kube_statefulset_status_replicas_ready" + set + " > 0",
        "15m", "critical",
        "Replicas of " + app.name() + " are not ready",
        "{{ $value }} fewer ready replicas than desired for 15 minutes."));
    app.backups().ifPresent(backup -> {
      // kube_job_failed counts a Job that failed for good (retries spent), not a pod that was retried.
      rules.add(alert(title + "BackupFailed",
          "max by (namespace, job_name) (kube_job_failed{" + ns + "condition=\"true\", job_name=~\"" + app.name() + "-backup-[0-9]+\"}) == 1",
          "0m", "critical",
          "A backup of " + app.name() + " failed",
          "Job {{ $labels.job_name }} failed; read its logs with kubectl logs job/{{ $labels.job_name }}."));
      // The recovery-point objective: the newest backup older than it means a restore would lose more.
      Duration rpo = backup.recoveryPoint();
      rules.add(alert(title + "BackupTooOld", tooOld(ns, app.name() + "-backup", rpo.toSeconds()),
          "0m", "critical",
          "No successful backup of " + app.name() + " within its recovery-point objective (" + BackupSpec.text(rpo) + ")",
          "The last successful backup finished more than " + BackupSpec.text(rpo) + " ago (the schedule is "
              + backup.schedule() + "), or there has been none: a restore now would lose more than the objective allows."));
      if (backup.test().isPresent()) {
        rules.add(alert(title + "RestoreTestFailed",
            "max by (namespace, job_name) (kube_job_failed{" + ns + "condition=\"true\", job_name=~\"" + app.name() + "-backup-test-[0-9]+\"}) == 1",
            "0m", "critical",
            "The restore test of " + app.name() + " failed: the newest backup may not be restorable",
            "Job {{ $labels.job_name }} failed; read its logs with kubectl logs job/{{ $labels.job_name }}."));
      }
      backup.drills().filter(drill -> backup.objectStorage().isPresent()).ifPresent(drill -> {
        rules.add(alert(title + "RestoreDrillFailed",
            "max by (namespace, job_name) (kube_job_failed{" + ns + "condition=\"true\", job_name=~\"" + app.name() + "-backup-drill-[0-9]+\"}) == 1",
            "0m", "critical",
            "The restore drill of " + app.name() + " failed: the newest off-site backup did not restore, or its smoke query failed",
            "Job {{ $labels.job_name }} failed; its log names the step: kubectl logs job/{{ $labels.job_name }} -c drill (and -c fetch)."));
        int days = drillDays(drill);
        rules.add(alert(title + "RestoreDrillTooOld", tooOld(ns, app.name() + "-backup-drill", days * 86400L),
            "0m", "warning",
            "No successful restore drill of " + app.name() + " within " + days + " days",
            "The last successful restore drill finished more than " + days + " days ago (the drill schedule is "
                + drill.schedule() + "), or there has been none: nobody knows whether the off-site backups restore."));
      });
      if (backup.objectStorage().isPresent()) {
        rules.add(alert(title + "BackupPruneFailed",
            "max by (namespace, job_name) (kube_job_failed{" + ns + "condition=\"true\", job_name=~\"" + app.name() + "-backup-prune-[0-9]+\"}) == 1",
            "0m", "critical",
            "Pruning or checking the off-site backups of " + app.name() + " failed: restic check may have found damage",
            "Job {{ $labels.job_name }} failed; read its logs with kubectl logs job/{{ $labels.job_name }}."));
      }
    });
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", app.name());
    group.put("rules", rules);
    return resource(app, ObjectKind.PROMETHEUS_RULE, Map.of("groups", List.of(group)));
  }

  /**
   * A CronJob whose last success is older than {@code seconds}; the last-success metric exists only after
   * a first success, so a CronJob that never succeeded counts from its creation.
   */
  private static String tooOld(String ns, String cronJob, long seconds) {
    String cron = "{" + ns + "cronjob=\"" + cronJob + "\"}";
    return "(time() - kube_cronjob_status_last_successful_time" + cron + " > " + seconds + ")"
        + " or (time() - kube_cronjob_created" + cron + " > " + seconds
        + " unless on (namespace, cronjob) kube_cronjob_status_last_successful_time" + cron + ")";
  }

  /** backup.drill.alertAfterDays, or twice the drill schedule's longest gap in whole days. */
  static int drillDays(BackupSpec.Drill drill) {
    if (drill.alertAfterDays() != null) {
      return drill.alertAfterDays();
    }
    long seconds = 2 * new CronSchedule(drill.schedule()).longestGap().toSeconds();
    return (int) Math.max(1, (seconds + 86399) / 86400);
  }

  private static Map<String, Object> alert(String name, String expr, String forDuration, String severity, String summary, String description) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", name);
    rule.put("expr", expr);
    rule.put("for", forDuration);
    rule.put("labels", new TreeMap<>(Map.of("severity", severity)));
    rule.put("annotations", new TreeMap<>(Map.of("summary", summary, "description", description)));
    return rule;
  }

  private static GenericKubernetesResource resource(AppSpec app, ObjectKind kind, Map<String, Object> spec) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(kind.apiVersion());
    resource.setKind(kind.kind());
    Map<String, String> labels = new TreeMap<>(Labels.common(app));
    labels.put(Labels.COMPONENT, "monitoring");
    resource.setMetadata(new ObjectMetaBuilder().withName(app.name()).withNamespace(app.namespace()).withLabels(labels).build());
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  /** {@code orders-db} as {@code OrdersDb}, the usual casing of alert names. */
  static String title(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
