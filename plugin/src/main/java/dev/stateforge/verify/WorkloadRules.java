package dev.stateforge.verify;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.EngineSpec.Replication;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Containers and StatefulSets that will misbehave under load, on a node drain, or in an audit. */
final class WorkloadRules {
  private WorkloadRules() {}

  static List<PolicyRule> all() {
    return List.of(new Requests(), new MemoryLimit(), new ReadinessProbe(), new LivenessProbe(), new PinnedImage(),
        new SecretLiteralRule(), new Spread(), new SingleReplica());
  }

  private static Map<String, Quantity> requests(Container c) {
    ResourceRequirements r = c.getResources();
    return r == null || r.getRequests() == null ? Map.of() : r.getRequests();
  }

  /** Without requests the scheduler packs pods blindly and the kubelet evicts them first. */
  static final class Requests extends AbstractRule {
    Requests() {
      super(Codes.RESOURCES_REQUESTS, Severity.WARNING, "containers should request CPU and memory");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        for (String resource : List.of("cpu", "memory")) {
          if (!requests(c.container()).containsKey(resource)) {
            out.add(finding(object, c.pointer() + "/resources/requests", SpecKeys.request(resource),
                object.displayName() + " container " + c.container().getName() + " requests no " + resource,
                "set resources." + resource));
          }
        }
      });
    }
  }

  /** Without a memory limit one leaking process can push the node into OOM and take neighbours with it. */
  static final class MemoryLimit extends AbstractRule {
    MemoryLimit() {
      super(Codes.RESOURCES_MEMORY_LIMIT, Severity.WARNING, "containers should have a memory limit");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        ResourceRequirements r = c.container().getResources();
        if (r == null || r.getLimits() == null || !r.getLimits().containsKey("memory")) {
          out.add(finding(object, c.pointer() + "/resources/limits", SpecKeys.MEMORY_LIMIT,
              object.displayName() + " container " + c.container().getName() + " has no memory limit",
              "set resources.limits.memory (equal to the request is safest for a data service)"));
        }
      });
    }
  }

  /** A StatefulSet's main containers (not init containers, not jobs) need health checks. */
  abstract static class ProbeRule extends AbstractRule {
    private final String which;

    ProbeRule(Code code, String which, String title) {
      super(code, Severity.WARNING, title);
      this.which = which;
    }

    abstract boolean has(Container c);

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      List<Finding> out = new ArrayList<>();
      if (!(object.object() instanceof StatefulSet)) {
        return out;
      }
      PodTemplates.pod(object.object()).ifPresent(pod -> {
        List<Container> containers = pod.spec().getContainers() == null ? List.of() : pod.spec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
          if (!has(containers.get(i))) {
            out.add(finding(object, pod.pointer() + "/containers/" + i, SpecKeys.probe(which),
                object.displayName() + " container " + containers.get(i).getName() + " has no " + which + " probe",
                "add probes." + which + " (an engine preset brings one)"));
          }
        }
      });
      return out;
    }
  }

  static final class ReadinessProbe extends ProbeRule {
    ReadinessProbe() {
      super(Codes.PROBES_READINESS, "readiness", "StatefulSet containers should have a readiness probe");
    }

    @Override
    boolean has(Container c) {
      return c.getReadinessProbe() != null;
    }
  }

  static final class LivenessProbe extends ProbeRule {
    LivenessProbe() {
      super(Codes.PROBES_LIVENESS, "liveness", "StatefulSet containers should have a liveness probe");
    }

    @Override
    boolean has(Container c) {
      return c.getLivenessProbe() != null;
    }
  }

  /** A floating tag makes what runs depend on when each node pulled. */
  static final class PinnedImage extends AbstractRule {
    PinnedImage() {
      super(Codes.IMAGE_PINNED, Severity.ERROR, "images must name a fixed tag or digest, never latest");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        String image = c.container().getImage() == null ? "" : c.container().getImage();
        String problem = pinningProblem(image);
        if (problem != null) {
          out.add(finding(object, c.pointer() + "/image", PodTemplates.declared(object, c, SpecKeys.IMAGE),
              object.displayName() + " container " + c.container().getName() + " uses image \"" + image + "\", " + problem,
              "name a version, for example postgres:16.4, or a digest"));
        }
      });
    }

    static String pinningProblem(String image) {
      if (image.contains("@")) {
        return null;
      }
      int slash = image.lastIndexOf('/');
      int colon = image.lastIndexOf(':');
      if (colon <= slash) {
        return "which has no tag (it means latest)";
      }
      return image.substring(colon + 1).equals("latest") ? "whose tag latest moves" : null;
    }
  }

  /** Replicas that share a node or zone fail together, which defeats having several. */
  static final class Spread extends AbstractRule {
    Spread() {
      super(Codes.SPREAD_REPLICAS, Severity.WARNING, "StatefulSets with more than one replica should spread across nodes");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StatefulSet set) || replicas(set) <= 1) {
        return List.of();
      }
      var pod = PodTemplates.pod(set).map(PodTemplates.Pod::spec).orElseGet(io.fabric8.kubernetes.api.model.PodSpec::new);
      boolean spread = pod.getTopologySpreadConstraints() != null && !pod.getTopologySpreadConstraints().isEmpty();
      boolean antiAffinity = pod.getAffinity() != null && pod.getAffinity().getPodAntiAffinity() != null;
      if (spread || antiAffinity) {
        return List.of();
      }
      return List.of(finding(object, "/spec/template/spec", SpecKeys.SPREAD,
          object.displayName() + " runs " + replicas(set) + " replicas with no topology spread or anti-affinity",
          "set spread.node = DoNotSchedule (the default) or ScheduleAnyway"));
    }
  }

  /** One replica of a data service means every node drain or crash is an outage. */
  static final class SingleReplica extends AbstractRule {
    SingleReplica() {
      super(Codes.SINGLE_REPLICA, Severity.WARNING, "data services should run more than one replica");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StatefulSet set) || replicas(set) != 1) {
        return List.of();
      }
      return List.of(finding(object, "/spec/replicas", SpecKeys.REPLICAS,
          object.displayName() + " runs a single replica: every node drain or crash is an outage",
          hint(object, all)));
    }

    /** More replicas help only an engine that replicates; for one that does not, recovery is the answer. */
    private static String hint(OutputObject object, ObjectSet all) {
      String acknowledge = "acknowledge { single-replica = \"why\" }";
      String recover = "so more replicas would not help: keep its loss recoverable with backup { … } and a rehearsed "
          + "restore (see the restore runbook), then " + acknowledge;
      Replication stated = all.context().engine().apply(object).replication();
      Optional<String> image = ReplicationRules.singleServerImage(object);
      return switch (stated) {
        case NONE -> "this engine does not replicate as generated, " + recover;
        case REPLICATED -> "run several replicas (3 or more for a quorum), or " + acknowledge;
        case UNSTATED -> image.isPresent()
            ? "image \"" + image.get() + "\" runs one server unless it is configured to replicate, " + recover
            : "run several replicas if the engine replicates (and say so with engine.replication = replicated), or "
                + acknowledge;
      };
    }
  }

  static int replicas(StatefulSet set) {
    return set.getSpec() == null || set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
  }
}
