package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ProbeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod-level consistency: unique port numbers, probes that name declared ports, a reachable partition;
 * and, through {@link #PARTS}, the rules of the pod's parts (env from the pod, placement, metadata,
 * lifecycle).
 */
public final class PodRules implements SpecRule {
  /** Run from here so that the compiler's rule list stays as it is; each is a SpecRule of its own. */
  private static final List<SpecRule> PARTS =
      List.of(new EnvSourceRules(), new PlacementRules(), new MetadataRules(), new LifecycleRules());

  @Override
  public List<Diagnostic> check(AppSpec app, SourceMap sourceMap) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, String> byNumber = new HashMap<>();
    for (PortSpec port : app.ports()) {
      String other = byNumber.putIfAbsent(port.port() + "/" + port.protocol(), port.name());
      if (other != null) {
        SpecPath path = SpecPath.of("ports", port.name(), "port");
        out.add(Diagnostic.error("port-conflict", sourceMap.locate(path), path.toString(),
            "ports \"" + other + "\" and \"" + port.name() + "\" both use " + port.port() + "/" + port.protocol()));
      }
    }
    List<String> names = app.ports().stream().map(PortSpec::name).toList();
    checkProbe("startup", app.probes().startup(), names, sourceMap, out);
    checkProbe("readiness", app.probes().readiness(), names, sourceMap, out);
    checkProbe("liveness", app.probes().liveness(), names, sourceMap, out);

    if (app.updates().partition() > 0 && app.updates().partition() >= app.replicas()) {
      SpecPath path = SpecPath.of("updates", "partition");
      out.add(Diagnostic.warning("partition-holds-all", sourceMap.locate(path), path.toString(),
              "partition " + app.updates().partition() + " is not below replicas (" + app.replicas()
                  + "), so no pod receives template changes")
          .withHint("lower the partition step by step to roll the change out, starting at replicas - 1"));
    }
    for (SpecRule part : PARTS) {
      out.addAll(part.check(app, sourceMap));
    }
    return out;
  }

  private static void checkProbe(String kind, ProbeSpec probe, List<String> ports, SourceMap sourceMap, List<Diagnostic> out) {
    if (probe == null) {
      return;
    }
    if (probe.action() == null) {
      SpecPath path = SpecPath.of("probes", kind);
      out.add(Diagnostic.error("probe-action", sourceMap.locate(path), path.toString(), "give one of tcp, http or exec")
          .withHint("timings alone do not check anything, for example probes." + kind + " { tcp.port = 5432 }"));
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
      SpecPath path = SpecPath.of("probes", kind, action, "port");
      String guess = Suggestions.closest(ref.name(), ports);
      out.add(Diagnostic.error("probe-port-unknown", sourceMap.locate(path), path.toString(),
              "the probe names port \"" + ref.name() + "\", which is not declared under ports")
          .withHint(guess != null ? "did you mean \"" + guess + "\"?"
              : ports.isEmpty() ? "declare it under ports, or give the port number" : "declared ports: " + String.join(", ", ports)));
    }
  }
}
