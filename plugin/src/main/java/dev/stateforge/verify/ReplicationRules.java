package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.EngineSpec.Replication;
import dev.stateforge.spec.EngineSpec;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replicas are only worth having when the engine keeps them in step. Several replicas of a
 * single-server database are unrelated servers behind one Service: the worst thing a spec can
 * compile to, because it looks like high availability.
 */
final class ReplicationRules {
  /** Official images of databases that run as one server unless configured to replicate, in any registry. */
  private static final Set<String> SINGLE_SERVER_IMAGES = Set.of("postgres", "mysql", "mariadb", "mongo", "redis");

  private ReplicationRules() {}

  static List<PolicyRule> all() {
    return List.of(new IndependentReplicas());
  }

  /** The first container image of the object's pod that is a well-known single-server database. */
  static Optional<String> singleServerImage(OutputObject object) {
    return PodTemplates.pod(object.object()).stream()
        .flatMap(pod -> pod.spec().getContainers() == null ? java.util.stream.Stream.<Container>empty() : pod.spec().getContainers().stream())
        .map(Container::getImage)
        .filter(image -> image != null && SINGLE_SERVER_IMAGES.contains(repositoryName(image)))
        .findFirst();
  }

  /** {@code postgres} for {@code registry.example.com:5000/library/postgres:16.4@sha256:…}. */
  static String repositoryName(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
    return last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
  }

  /** Several replicas of an engine that does not replicate. */
  static final class IndependentReplicas extends AbstractRule {
    IndependentReplicas() {
      super(Codes.REPLICAS_INDEPENDENT, Severity.ERROR,
          "several replicas need an engine that replicates; otherwise they are unrelated servers");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      if (!(object.object() instanceof StatefulSet set) || WorkloadRules.replicas(set) <= 1) {
        return List.of();
      }
      int replicas = WorkloadRules.replicas(set);
      String danger = "they are " + replicas + " independent servers behind one Service, so writes scatter across "
          + "unrelated databases, and backups and restores cover pod 0 only";
      EngineSpec engine = all.context().engine().apply(object);
      if (engine.replication() == Replication.NONE) {
        String which = engine.name() == null ? "an engine" : "engine " + engine.name() + ", which";
        return List.of(finding(object, "/spec/replicas", SpecKeys.REPLICAS,
            object.displayName() + " runs " + replicas + " replicas of " + which + " does not replicate as generated: " + danger,
            "run replicas = 1, or use a setup that replicates and set engine.replication = replicated; to run "
                + "independent servers on purpose, acknowledge { replicas-independent = \"why\" }"));
      }
      if (engine.replication() == Replication.UNSTATED) {
        Optional<String> image = singleServerImage(object);
        if (image.isPresent()) {
          return List.of(guess(object, "/spec/replicas", SpecKeys.REPLICAS,
              object.displayName() + " runs " + replicas + " replicas of image \"" + image.get() + "\", a single server "
                  + "unless it is configured to replicate; if it is not, " + danger,
              "if the pods replicate, say so with engine.replication = replicated; otherwise run replicas = 1"));
        }
      }
      return List.of();
    }
  }
}
