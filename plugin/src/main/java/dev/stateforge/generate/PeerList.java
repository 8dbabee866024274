package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.ContainerSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.FileSpec;
import dev.stateforge.spec.MemberFormat;
import dev.stateforge.spec.VariableReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The members of a clustered app as the compiler knows them for one environment: their ordinals,
 * pod names and stable DNS names, and the peer lists written from them. Computed from the app it is
 * given, so an environment that changes replicas, ordinals.start or the governing Service gets lists
 * that follow.
 */
public final class PeerList {
  private PeerList() {}

  /** The ordinals of the members, from ordinals.start on; none for zero replicas. */
  public static List<Long> ordinals(AppSpec app) {
    List<Long> ordinals = new ArrayList<>(app.replicas());
    long start = app.cluster().ordinalsStart(); // long: start + replicas may pass int32
    for (int i = 0; i < app.replicas(); i++) {
      ordinals.add(start + i);
    }
    return ordinals;
  }

  /**
   * The DNS name of the member with this pod name: {@code <pod>.<service>.<namespace>.svc.<domain>}.
   * Without a namespace in the spec, the namespace is only known when the output is applied, so the
   * name stops at {@code <pod>.<service>}, which the pod's DNS search path resolves inside its own
   * namespace.
   */
  public static String host(AppSpec app, String pod) {
    String local = pod + "." + app.headlessServiceName();
    return app.namespaceIfSet().map(ns -> local + "." + ns + ".svc." + app.cluster().domain()).orElse(local);
  }

  /**
   * Whether a peer list is written as an env variable. A list no config file names is there for env
   * (an entrypoint may read it without any {@code $(NAME)}); a list that a file names with
   * {@code {peers:NAME}} is env only when a container also refers to it with {@code $(NAME)} in its
   * command, args or env values. So a list used only inside a file is written once, in the file.
   */
  public static boolean inEnv(AppSpec app, ClusterSpec.Peers peers) {
    String name = peers.variable();
    boolean inFile = app.configFiles().stream()
        .anyMatch(f -> f.content() != null && FileSpec.placeholders(f.content()).stream().anyMatch(p -> p.list().equals(name)));
    return !inFile || referenced(app, name);
  }

  private static boolean referenced(AppSpec app, String name) {
    List<String> texts = new ArrayList<>(app.command());
    texts.addAll(app.args());
    app.env().forEach(e -> texts.add(literal(e)));
    for (ContainerSpec container : app.extraContainers()) {
      texts.addAll(container.command());
      texts.addAll(container.args());
      container.env().forEach(e -> texts.add(literal(e)));
    }
    return texts.stream().anyMatch(t -> VariableReferences.in(t).contains(name));
  }

  private static String literal(EnvVarSpec env) {
    return env.source() instanceof EnvVarSpec.Literal literal ? literal.value() : "";
  }

  /**
   * The list for one peers entry: every member, or the first {@code limit} (the seeds), written with
   * its format and joined by its separator; its {@code alone} value instead when there is one replica.
   */
  public static String value(AppSpec app, ClusterSpec.Peers peers) {
    if (peers.alone() != null && app.replicas() == 1) {
      return peers.alone();
    }
    List<String> members = new ArrayList<>();
    List<Long> ordinals = ordinals(app);
    for (long ordinal : ordinals.subList(0, Math.min(ordinals.size(), peers.limit()))) {
      String pod = app.podName(ordinal);
      members.add(peers.member().render(Map.of(
          MemberFormat.ORDINAL, Long.toString(ordinal),
          MemberFormat.POD, pod,
          MemberFormat.HOST, host(app, pod))));
    }
    return String.join(peers.separator(), members);
  }
}
