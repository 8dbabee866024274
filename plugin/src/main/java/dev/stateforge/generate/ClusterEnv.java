package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The env entries of cluster.identity and cluster.peers, written in every container of the pod (the
 * main one, init containers and sidecars alike). They come before the container's own entries:
 * Kubernetes expands {@code $(NAME)} in an env value only from entries above it, and a spec's entry
 * may well build on the pod's name or host ({@code http://$(POD_HOST):2380}).
 */
public final class ClusterEnv {
  /** The label the StatefulSet controller puts the pod's ordinal in (KEP-4017, GA in Kubernetes 1.32). */
  public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private ClusterEnv() {}

  /**
   * Identity first (the pod's name before the host built from it), then each peer list in name order
   * that is written as env ({@link PeerList#inEnv}), then {@code rest}.
   */
  public static List<EnvVar> before(AppSpec app, List<EnvVar> rest) {
    ClusterSpec.Identity identity = app.cluster().identity();
    List<EnvVar> env = new ArrayList<>();
    if (identity.podName() != null) {
      env.add(field(identity.podName(), "metadata.name"));
    }
    if (identity.ordinal() != null) {
      env.add(field(identity.ordinal(), "metadata.labels['" + POD_INDEX_LABEL + "']"));
    }
    if (identity.host() != null) {
      env.add(literal(identity.host(), PeerList.host(app, "$(" + identity.podName() + ")")));
    }
    for (ClusterSpec.Peers peers : app.cluster().peers()) {
      if (PeerList.inEnv(app, peers)) {
        env.add(literal(peers.variable(), PeerList.value(app, peers)));
      }
    }
    env.addAll(rest);
    return env;
  }

  /** A downward-API entry; apiVersion is written because the API server would add it, and Argo CD would show the difference. */
  private static EnvVar field(String name, String path) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath(path).endFieldRef().endValueFrom()
        .build();
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
