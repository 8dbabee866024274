package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ProbeSpec;
import dev.stateforge.spec.ProbesSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pod-level consistency: unique port numbers, probes that name declared ports, a reachable partition. */
public final class PodRules implements SpecRule {
  @Override
  public void check(AppSpec app, Reporter report) {
    Map<String, String> byNumber = new HashMap<>();
    for (PortSpec port : app.ports()) {
      String other = byNumber.putIfAbsent(port.port() + "/" + port.protocol(), port.name());
      if (other != null) {
        SpecPath path = SpecPath.of("ports", port.name(), "port");
        report.error(Codes.PORT_CONFLICT, path,
            "ports \"" + other + "\" and \"" + port.name() + "\" both use " + port.port() + "/" + port.protocol());
      }
    }
    List<String> names = app.ports().stream().map(PortSpec::name).toList();
    checkProbes(SpecPath.of("probes"), app.probes(), names, report);

    if (app.updates().partition() > 0 && app.updates().partition() >= app.replicas()) {
      SpecPath path = SpecPath.of("updates", "partition");
      report.warning(Codes.PARTITION_HOLDS_ALL, path,
              "partition " + app.updates().partition() + " is not below replicas (" + app.replicas()
                  + "), so no pod receives template changes")
          .hint("lower the partition step by step to roll the change out, starting at replicas - 1");
    }
  }

  /** The probes under {@code key} ({@code probes}, or a sidecar's), whose named ports must be among {@code ports}. */
  static void checkProbes(SpecPath key, ProbesSpec probes, List<String> ports, Reporter report) {
    checkProbe(key, "startup", probes.startup(), ports, report);
    checkProbe(key, "readiness", probes.readiness(), ports, report);
    checkProbe(key, "liveness", probes.liveness(), ports, report);
  }

  private static void checkProbe(SpecPath key, String kind, ProbeSpec probe, List<String> ports, Reporter report) {
    if (probe == null) {
      return;
    }
    if (probe.action() == null) {
      SpecPath path = key.key(kind);
      report.error(Codes.PROBE_ACTION, path, "give one of tcp, http or exec")
          .hint("timings alone do not check anything, for example " + path + " { tcp.port = 5432 }");
      return;
    }
    ProbeSpec.PortRef ref = null;
    if (probe.action() instanceof ProbeSpec.Tcp tcp) {
      ref = tcp.port();
    } else if (probe.action() instanceof ProbeSpec.Http http) {
      ref = http.port();
    }
    if (ref != null && ref.isNamed() && !ports.contains(ref.name())) {
      String action = probe.action() instanceof ProbeSpec.Tcp ? "tcp" : "http";
      SpecPath path = key.key(kind).key(action).key("port");
      String guess = Suggestions.closest(ref.name(), ports);
      report.error(Codes.PROBE_PORT_UNKNOWN, path,
              "the probe names port \"" + ref.name() + "\", which is not declared under " + key.parent().key("ports"))
          .hint(guess != null ? "did you mean \"" + guess + "\"?"
              : ports.isEmpty() ? "declare it under ports, or give the port number" : "declared ports: " + String.join(", ", ports));
    }
  }
}
