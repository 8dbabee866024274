package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.MemberFormat;
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
   * The list for one peers entry: every member, or the first {@code limit} (the seeds), written with
   * its format and joined by its separator.
   */
  public static String value(AppSpec app, ClusterSpec.Peers peers) {
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
