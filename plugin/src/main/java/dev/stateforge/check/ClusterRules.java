package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ClusterSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.MemberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster block: member formats that name only real placeholders, env names that the identity,
 * the peer lists and the env of any container of the pod do not share, and a kept governing Service that is not the client Service.
 */
public final class ClusterRules implements SpecRule {
  @Override
  public void check(AppSpec app, Reporter report) {
    ClusterSpec cluster = app.cluster();
    for (ClusterSpec.Peers peers : cluster.peers()) {
      SpecPath path = SpecPath.of("cluster", "peers", peers.variable(), "member");
      for (MemberFormat.Problem problem : peers.member().problems()) {
        report.error(Codes.PEER_PLACEHOLDER, path, problem.message()).hint(placeholderHint(problem));
      }
    }
    names(app, report);
    if (cluster.serviceName() != null && cluster.serviceName().equals(app.name()) && !app.clientPorts().isEmpty()) {
      SpecPath path = SpecPath.of("cluster", "serviceName");
      report.error(Codes.SERVICE_NAME_CONFLICT, path,
              "the governing Service would be named " + app.name() + ", like the client Service of the app's client ports")
          .hint("keep the name of the Service you take over only if it is not the app's name, or rename the app");
    }
  }

  private static String placeholderHint(MemberFormat.Problem problem) {
    String all = MemberFormat.PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "));
    if (problem.placeholder() == null) {
      return problem.message().startsWith("$(")
          ? "name the pod's own values in identity (podName, ordinal, host); a member is written with " + all
          : "placeholders: " + all;
    }
    if (List.of("id", "index", "myid").contains(problem.placeholder())) {
      // The pod cannot compute ordinal + 1 without a shell, so ids are ordinals, moved by ordinals.start.
      return "write {ordinal}; for ids that start at 1 (ZooKeeper's myid), set cluster.ordinals.start = 1, "
          + "and the ordinal is the id in the list and in identity.ordinal alike";
    }
    String guess = Suggestions.closest(problem.placeholder(), MemberFormat.PLACEHOLDERS);
    return (guess != null ? "did you mean {" + guess + "}? " : "") + "placeholders: " + all;
  }

  /** Each env name the cluster block defines must be defined once, there or in env. */
  private static void names(AppSpec app, Reporter report) {
    Map<String, SpecPath> defined = new LinkedHashMap<>();
    ClusterSpec.Identity identity = app.cluster().identity();
    define(identity.podName(), SpecPath.of("cluster", "identity", "podName"), defined, report);
    define(identity.ordinal(), SpecPath.of("cluster", "identity", "ordinal"), defined, report);
    define(identity.host(), SpecPath.of("cluster", "identity", "host"), defined, report);
    for (ClusterSpec.Peers peers : app.cluster().peers()) {
      define(peers.variable(), SpecPath.of("cluster", "peers", peers.variable()), defined, report);
    }
    envConflicts(app.env(), SpecPath.of("env"), defined, report);
    // Every container of the pod gets the cluster's variables before its own entries.
    for (int i = 0; i < app.initContainers().size(); i++) {
      envConflicts(app.initContainers().get(i).env(), SpecPath.of("initContainers").index(i).key("env"), defined, report);
    }
    for (int i = 0; i < app.sidecars().size(); i++) {
      envConflicts(app.sidecars().get(i).env(), SpecPath.of("sidecars").index(i).key("env"), defined, report);
    }
  }

  private static void envConflicts(List<EnvVarSpec> env, SpecPath under, Map<String, SpecPath> defined, Reporter report) {
    for (EnvVarSpec entry : env) {
      SpecPath first = defined.get(entry.name());
      if (first != null) {
        conflict(entry.name(), first, under.key(entry.name()), report);
      }
    }
  }

  private static void define(String name, SpecPath path, Map<String, SpecPath> defined, Reporter report) {
    if (name == null) {
      return;
    }
    SpecPath first = defined.putIfAbsent(name, path);
    if (first != null) {
      conflict(name, path, first, report);
    }
  }

  /** Reported at the cluster key: the env entry may well be older than the cluster block. */
  private static void conflict(String name, SpecPath at, SpecPath other, Reporter report) {
    report.error(Codes.CLUSTER_ENV_CONFLICT, at,
            "env variable " + name + " is defined twice, here and at " + report.shown(other)
                + ": the container would get two entries of one name, and only the last one counts")
        .hint("give one of them another name, and use that name in $(…) references");
  }
}
