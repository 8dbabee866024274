package dev.stateforge.verify;

import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pod spec inside a workload object, and its containers, with JSON pointers to each. */
public final class PodTemplates {
  private PodTemplates() {}

  /** A pod spec and where it sits in its object. */
  public record Pod(PodSpec spec, String pointer) {}

  /**
   * A container of a pod, init containers included, and where it sits in its object.
   *
   * @param specKey where a StatefulSet's init container or sidecar is declared in the spec
   *     ({@code sidecars[0]}); the spec's root for any other container
   */
  record ContainerAt(Container container, String pointer, SpecPath specKey) {}

  public static Optional<Pod> pod(HasMetadata object) {
    if (object instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
      return Optional.ofNullable(s.getSpec().getTemplate().getSpec()).map(p -> new Pod(p, "/spec/template/spec"));
    }
    if (object instanceof Job j && j.getSpec() != null && j.getSpec().getTemplate() != null) {
      return Optional.ofNullable(j.getSpec().getTemplate().getSpec()).map(p -> new Pod(p, "/spec/template/spec"));
    }
    if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
        && c.getSpec().getJobTemplate().getSpec() != null && c.getSpec().getJobTemplate().getSpec().getTemplate() != null) {
      return Optional.ofNullable(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())
          .map(p -> new Pod(p, "/spec/jobTemplate/spec/template/spec"));
    }
    return Optional.empty();
  }

  /** A check of one container of a pod, adding what it finds. */
  @FunctionalInterface
  interface ContainerCheck {
    void check(Pod pod, ContainerAt container, List<Finding> out);
  }

  /** Runs a check on every container (init containers first) of the object's pod, if it has one. */
  static List<Finding> eachContainer(OutputObject object, ContainerCheck check) {
    List<Finding> out = new ArrayList<>();
    pod(object.object()).ifPresent(pod -> containers(pod).forEach(c -> check.check(pod, c, out)));
    return out;
  }

  /** {@code key} of a StatefulSet's container where the spec declares it ({@code sidecars[0].image}); {@code key} otherwise. */
  static SpecPath declared(OutputObject object, ContainerAt container, SpecPath key) {
    return object.object() instanceof StatefulSet ? key.under(container.specKey().elements().toArray()) : key;
  }

  static List<ContainerAt> containers(Pod pod) {
    List<ContainerAt> all = new ArrayList<>();
    List<Container> init = pod.spec().getInitContainers();
    int sidecars = 0;
    for (int i = 0; init != null && i < init.size(); i++) {
      // Stateforge writes the spec's initContainers, then its sidecars (restartPolicy: Always).
      boolean sidecar = "Always".equals(init.get(i).getRestartPolicy());
      SpecPath key = sidecar ? SpecPath.of("sidecars").index(sidecars++) : SpecPath.of("initContainers").index(i);
      all.add(new ContainerAt(init.get(i), pod.pointer() + "/initContainers/" + i, key));
    }
    List<Container> main = pod.spec().getContainers();
    for (int i = 0; main != null && i < main.size(); i++) {
      all.add(new ContainerAt(main.get(i), pod.pointer() + "/containers/" + i, SpecPath.ROOT));
    }
    return all;
  }
}
