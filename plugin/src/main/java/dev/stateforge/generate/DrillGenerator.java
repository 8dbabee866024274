package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.BackupSpec;
import dev.stateforge.spec.BackupSpec.ObjectStorageTarget;
import dev.stateforge.spec.EngineSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live restore drill of an object-storage backup: a CronJob whose pod fetches the newest snapshot
 * in the restic image (an init container), then, in the app's image, starts a throw-away server of
 * the engine on an emptyDir of its own, restores the dump into it and runs the smoke query. It mounts
 * no claim and reaches no pod of the app: its label is not among the backup components the app's
 * NetworkPolicy lets in, and a NetworkPolicy of its own lets its pods reach only DNS and the object
 * store's port (a policy cannot name a host).
 */
final class DrillGenerator {
  static final String COMPONENT = "backup-drill";
  static final String DRILL_DIR = "/drill";

  private DrillGenerator() {}

  static List<OutputObject> drill(AppSpec app, BackupSpec backup, ObjectStorageTarget target, BackupSpec.Drill drill) {
    EngineSpec.Drill engine = app.engine().drills().orElseThrow();
    String query = drill.smokeQuery() != null ? drill.smokeQuery() : engine.smokeQuery();
    Container fetch = ObjectStorageBackupGenerator.resticContainer(app, backup, target, "fetch", ObjectStorageScripts.fetch(),
        List.of());
    Container server = new ContainerBuilder(ObjectStorageBackupGenerator.engineContainer(app, backup, "drill",
            ObjectStorageScripts.drill(engine), List.of(
                BackupGenerator.literal("DRILL_DIR", DRILL_DIR),
                BackupGenerator.literal("SMOKE_QUERY", query)), false))
        .addToVolumeMounts(new VolumeMountBuilder().withName("drill").withMountPath(DRILL_DIR).build())
        .build();
    var pod = BackupGenerator.appJobPod(app)
        .withInitContainers(fetch)
        .withContainers(server)
        .withVolumes(
            new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
            new VolumeBuilder().withName("drill").withNewEmptyDir().endEmptyDir().build())
        .build();
    String name = app.name() + "-" + COMPONENT;
    List<OutputObject> out = new ArrayList<>();
    out.add(OutputObject.of(COMPONENT, BackupGenerator.cronJob(app, backup, name, COMPONENT, drill.schedule(),
        BackupGenerator.job(app, backup, COMPONENT, pod).build())));
    if (app.networkPolicy().enabled()) {
      out.add(OutputObject.of(COMPONENT, networkPolicy(app, target, name)));
    }
    return out;
  }

  /** No ingress; egress to DNS and to the object store's port only. */
  private static GenericKubernetesResource networkPolicy(AppSpec app, ObjectStorageTarget target, String name) {
    Map<String, Object> dns = new LinkedHashMap<>();
    dns.put("ports", List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")));
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("ports", List.of(Map.of("port", port(target.endpoint()), "protocol", "TCP")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("egress", List.of(dns, store));
    spec.put("podSelector", Map.of("matchLabels", Map.of(Labels.INSTANCE, app.name(), Labels.COMPONENT, COMPONENT)));
    spec.put("policyTypes", List.of("Ingress", "Egress"));
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(ObjectKind.NETWORK_POLICY.apiVersion());
    resource.setKind(ObjectKind.NETWORK_POLICY.kind());
    resource.setMetadata(BackupGenerator.metadata(app, name, COMPONENT));
    resource.setAdditionalProperty("spec", spec);
    return resource;
  }

  /** The endpoint's port, or the scheme's (the endpoint rule has checked it is an http or https URL). */
  static int port(String endpoint) {
    URI uri = URI.create(endpoint);
    return uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
  }
}
