package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import dev.stateforge.spec.VariableReferences;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code $(NAME)} that Kubernetes cannot expand stays literal text: an etcd member named
 * {@code $(HOSTNAME)} never joins its cluster, and nothing on the cluster says why. Command and args
 * may refer to any env entry of their container; an env value only to the entries above it.
 */
final class EnvReferenceRule extends AbstractRule {
  /** The API server's own Service, whose variables the kubelet gives every container. */
  private static final Set<String> ALWAYS_DEFINED = Set.of(
      "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_SERVICE_PORT_HTTPS", "KUBERNETES_PORT",
      "KUBERNETES_PORT_443_TCP", "KUBERNETES_PORT_443_TCP_PROTO", "KUBERNETES_PORT_443_TCP_PORT",
      "KUBERNETES_PORT_443_TCP_ADDR");

  /** Variables the kubelet makes for every Service of the namespace, unless enableServiceLinks is false. */
  private static final Pattern SERVICE_LINK = Pattern.compile("[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[A-Z0-9_]+)?)");

  EnvReferenceRule() {
    super(Codes.ENV_REFERENCE, Severity.ERROR, "$(NAME) in command, args and env values must name an env entry defined before it");
  }

  @Override
  public List<Finding> check(OutputObject object, ObjectSet all) {
    return PodTemplates.eachContainer(object, (pod, c, out) -> {
      Container container = c.container();
      List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < env.size(); i++) {
        if (env.get(i) != null && env.get(i).getName() != null) {
          position.putIfAbsent(env.get(i).getName(), i);
        }
      }
      // envFrom brings names nobody can list here: only a reference to a later entry is certain then.
      boolean unknownNames = container.getEnvFrom() != null && !container.getEnvFrom().isEmpty();
      boolean serviceLinks = !Boolean.FALSE.equals(pod.spec().getEnableServiceLinks());
      Scope scope = new Scope(object, c, position, unknownNames, serviceLinks, out);
      boolean fromSpec = object.object() instanceof StatefulSet;
      // a StatefulSet's init containers and sidecars are declared under their own keys of the spec
      Object[] declaredAt = fromSpec ? c.specKey().elements().toArray() : new Object[0];
      for (int i = 0; i < env.size(); i++) {
        EnvVar var = env.get(i);
        if (var != null && var.getValue() != null) {
          scope.check(var.getValue(), i, "/env/" + i + "/value", "env " + var.getName(),
              SpecKeys.env(var.getName()).under(declaredAt));
        }
      }
      for (String field : List.of("command", "args")) {
        List<String> items = field.equals("command") ? container.getCommand() : container.getArgs();
        for (int i = 0; items != null && i < items.size(); i++) {
          if (items.get(i) != null) {
            // Jobs run scripts built from the engine's commands; the StatefulSet's come from the spec's keys.
            SpecPath path = fromSpec ? SpecKeys.argument(field, i).under(declaredAt) : SpecKeys.ENGINE;
            scope.check(items.get(i), env.size(), "/" + field + "/" + i, field + "[" + i + "]", path);
          }
        }
      }
    });
  }

  /** What one container defines, and where findings about it go. */
  private final class Scope {
    private final OutputObject object;
    private final PodTemplates.ContainerAt container;
    private final Map<String, Integer> position;
    private final boolean unknownNames;
    private final boolean serviceLinks;
    private final List<Finding> out;

    Scope(OutputObject object, PodTemplates.ContainerAt container, Map<String, Integer> position, boolean unknownNames,
        boolean serviceLinks, List<Finding> out) {
      this.object = object;
      this.container = container;
      this.position = position;
      this.unknownNames = unknownNames;
      this.serviceLinks = serviceLinks;
      this.out = out;
    }

    /** Checks every reference in {@code text}, which sees the env entries above index {@code visibleBelow}. */
    void check(String text, int visibleBelow, String pointer, String where, SpecPath specPath) {
      for (String name : VariableReferences.in(text)) {
        Integer defined = position.get(name);
        if (defined != null && defined < visibleBelow || ALWAYS_DEFINED.contains(name)) {
          continue;
        }
        String subject = object.displayName() + " container " + container.container().getName() + " " + where
            + " refers to $(" + name + ")";
        String literal = "Kubernetes leaves the literal text \"$(" + name + ")\"";
        if (defined != null) {
          boolean itself = defined == visibleBelow;
          out.add(finding(object, container.pointer() + pointer, specPath,
              subject + (itself ? ", itself" : ", which is defined after it") + ": " + literal,
              itself ? "give " + name + " a value that does not refer to itself"
                  : "define " + name + " before the entry that uses it"));
        } else if (!unknownNames && VariableReferences.looksLikeVariable(name)
            && !(serviceLinks && SERVICE_LINK.matcher(name).matches())) {
          out.add(finding(object, container.pointer() + pointer, specPath,
              subject + ", which no env entry defines: " + literal, hint(name)));
        }
      }
    }

    private String hint(String name) {
      List<String> names = new ArrayList<>(new java.util.TreeSet<>(position.keySet()));
      String guess = Suggestions.closest(name, names);
      String define = "define env." + name + ", or write $$(" + name + ") for the literal text";
      return guess != null ? "did you mean $(" + guess + ")? Otherwise " + define : define;
    }
  }
}
