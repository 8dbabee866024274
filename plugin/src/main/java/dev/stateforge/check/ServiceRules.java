package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.MemberFormat;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ServiceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Services of the {@code services} block: ports the pod declares, an ordinal that is a pod of
 * this environment (the rules run on every environment's spec, so a dev of one replica is checked
 * too), and names that no other Service of the app has and that Kubernetes accepts.
 */
public final class ServiceRules implements SpecRule {
  /** A Service name is a DNS-1035 label: the API server refuses a longer one. */
  static final int MAX_NAME = 63;

  @Override
  public void check(AppSpec app, Reporter report) {
    List<String> declared = app.podPorts().stream().map(PortSpec::name).toList();
    Map<String, String> names = new HashMap<>();
    names.put(app.headlessServiceName(), "the headless governing Service");
    if (!app.clientPorts().isEmpty()) {
      names.put(app.name(), "the client Service");
    }
    long start = app.cluster().ordinalsStart();
    long last = start + app.replicas() - 1;
    for (ServiceSpec service : app.services()) {
      SpecPath at = SpecPath.of("services", service.key());
      ports(app, service, at, declared, report);
      if (service.ordinal() != null && (service.ordinal() < start || service.ordinal() > last)) {
        report.error(Codes.SERVICE_ORDINAL_RANGE, at.key("ordinal"),
                "no pod has ordinal " + service.ordinal() + " where " + report.shown(SpecPath.of("replicas")) + " = "
                    + app.replicas() + ": the pods are " + app.podName(start) + (last > start ? " to " + app.podName(last) : ""))
            .hint("select an ordinal from " + start + " to " + last + " (cluster.ordinals.start to start + replicas - 1)"
                + " in every environment");
      }
      if (service.key().equals("headless")) {
        report.error(Codes.SERVICE_NAME_CONFLICT, at,
                "the key headless is taken by the governing Service's file (service-headless.yaml)")
            .hint("give the Service another key, for example peers");
        continue;
      }
      if (service.perPod()) {
        placeholders(service, at, report);
        // The last ordinal has the most digits: if its name fits, all do.
        if (fits(service.name(app.name(), Math.max(start, last)), at, report)) {
          for (long ordinal = start; ordinal <= last; ordinal++) {
            unique(service.name(app.name(), ordinal), at, "the per-pod Service of " + at, names, report);
          }
        }
      } else if (fits(service.name(app.name()), at, report)) {
        unique(service.name(app.name()), at, at.toString(), names, report);
      }
    }
  }

  /** A per-pod Service's annotation values are member formats: {ordinal}, {pod}, {host}, and {{ }} for literal braces. */
  private static void placeholders(ServiceSpec service, SpecPath at, Reporter report) {
    String all = MemberFormat.PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(java.util.stream.Collectors.joining(", "));
    service.annotations().forEach((key, value) -> {
      // A $(NAME) is no problem here: Kubernetes expands none in an annotation, so it stays literal.
      for (MemberFormat.Problem problem : new MemberFormat(value).problems().stream().filter(p -> !p.message().startsWith("$(")).toList()) {
        String guess = problem.placeholder() == null ? null : Suggestions.closest(problem.placeholder(), MemberFormat.PLACEHOLDERS);
        report.error(Codes.PEER_PLACEHOLDER, at.key("annotations").key(key), problem.message())
            .hint(guess != null ? "did you mean {" + guess + "}?" : "a per-pod Service's annotation is written for each pod with " + all);
      }
    });
  }

  private static void ports(AppSpec app, ServiceSpec service, SpecPath at, List<String> declared, Reporter report) {
    if (service.ports().isEmpty() && app.clientPorts().isEmpty()) {
      report.error(Codes.SERVICE_PORT_UNKNOWN, at,
              "the Service carries the ports of role client, and the pod has none")
          .hint(declared.isEmpty() ? "declare the port under ports" : "name its ports: " + at.key("ports") + " = [" + declared.get(0) + "]");
      return;
    }
    for (int i = 0; i < service.ports().size(); i++) {
      String port = service.ports().get(i);
      if (!declared.contains(port)) {
        String guess = Suggestions.closest(port, declared);
        report.error(Codes.SERVICE_PORT_UNKNOWN, at.key("ports").index(i),
                "port \"" + port + "\" is not declared under ports or a sidecar's ports")
            .hint(guess != null ? "did you mean \"" + guess + "\"?"
                : declared.isEmpty() ? "declare it under ports" : "declared ports: " + String.join(", ", declared));
      }
    }
  }

  private static boolean fits(String name, SpecPath at, Reporter report) {
    if (name.length() > MAX_NAME) {
      report.error(Codes.SERVICE_NAME_TOO_LONG, at,
              "the Service would be named " + name + ", " + name.length() + " characters; a Service name has at most " + MAX_NAME)
          .hint("give the Service a shorter key");
      return false;
    }
    return true;
  }

  private static void unique(String name, SpecPath at, String what, Map<String, String> names, Reporter report) {
    String other = names.putIfAbsent(name, what);
    if (other != null) {
      report.error(Codes.SERVICE_NAME_CONFLICT, at,
              "the Service would be named " + name + ", like " + other)
          .hint("give the Service another key; Services of one namespace need names of their own");
    }
  }
}
