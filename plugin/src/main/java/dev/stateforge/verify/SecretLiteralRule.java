package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.SecretShapes.Shape;
import dev.stateforge.diag.SecretShapes;
import dev.stateforge.diag.Severity;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A secret in a manifest ends up in Git: in every clone, in the history for good, in the GitOps tool's
 * cache. Env values, args, command, the scripts of backup Jobs and the text of config files
 * (ConfigMap data) are checked by name and by shape ({@link SecretShapes}); findings name where the
 * secret is and what it looks like, never its value. Acknowledging one does not make it a note on its
 * own: the spec must also list the path in {@code writeSecretsToGitInPlainText}.
 */
final class SecretLiteralRule extends AbstractRule {
  private static final String COMMITTED = ", which would be committed to Git";

  SecretLiteralRule() {
    super(Codes.ENV_SECRET_LITERAL, Severity.ERROR, "secrets must come from a Secret reference, never a literal env value");
  }

  @Override
  public boolean writesSecret() {
    return true;
  }

  @Override
  public List<Finding> check(OutputObject object, ObjectSet all) {
    if (object.object() instanceof ConfigMap map) {
      return configFiles(object, map);
    }
    return PodTemplates.eachContainer(object, (pod, c, out) -> {
      List<EnvVar> env = c.container().getEnv() == null ? List.of() : c.container().getEnv();
      for (int i = 0; i < env.size(); i++) {
        EnvVar var = env.get(i);
        String name = var.getName() == null ? "" : var.getName();
        Optional<Shape> shape = SecretShapes.inVariable(name, var.getValue());
        if (shape.isPresent()) {
          String what = shape.get() == Shape.NAME ? "a literal value" : shape.get().words();
          out.add(finding(object, c.pointer() + "/env/" + i + "/value", SpecKeys.env(name),
              object.displayName() + " sets " + name + " to " + what + COMMITTED,
              "reference a Secret: env." + name + " { secret { name = …, key = … } }"));
        }
      }
      arguments(object, c, "command", c.container().getCommand(), out);
      arguments(object, c, "args", c.container().getArgs(), out);
      probe(object, c, "startup", c.container().getStartupProbe(), out);
      probe(object, c, "readiness", c.container().getReadinessProbe(), out);
      probe(object, c, "liveness", c.container().getLivenessProbe(), out);
    });
  }

  /** A config file's text (requirepass, a password= line, a token) is committed with the ConfigMap. */
  private List<Finding> configFiles(OutputObject object, ConfigMap map) {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> file : new TreeMap<>(map.getData() == null ? Map.of() : map.getData()).entrySet()) {
      List<SecretShapes.Match> found = SecretShapes.find(file.getValue() == null ? "" : file.getValue());
      if (!found.isEmpty()) {
        out.add(finding(object, "/data/" + file.getKey().replace("~", "~0").replace("/", "~1"), SpecKeys.file(file.getKey()),
            object.displayName() + " holds " + found.get(0).shape().words() + " in " + file.getKey() + COMMITTED,
            "keep the secret in a Secret and mount it (files." + file.getKey() + " { secret { name = … } }), "
                + "or have the engine read it from an env variable that references a Secret"));
      }
    }
    return out;
  }

  /** A probe's exec command runs with a literal password as often as the kubelet probes (mysqladmin -p…). */
  private void probe(OutputObject object, PodTemplates.ContainerAt c, String which, Probe probe, List<Finding> out) {
    if (probe == null || probe.getExec() == null || probe.getExec().getCommand() == null) {
      return;
    }
    List<Optional<Shape>> shapes = SecretShapes.inArguments(probe.getExec().getCommand());
    for (int i = 0; i < shapes.size(); i++) {
      if (shapes.get(i).isPresent()) {
        out.add(finding(object, c.pointer() + "/" + which + "Probe/exec/command/" + i, SpecKeys.probeCommand(which),
            object.displayName() + " container " + c.container().getName() + " has " + shapes.get(i).get().words() + " in its "
                + which + " probe's command[" + i + "]" + COMMITTED,
            "read it from a variable that references a Secret: [\"sh\", \"-c\", \"… \\\"$NAME\\\"\"] with env.NAME { secret { name = …, key = … } }"));
      }
    }
  }

  private void arguments(OutputObject object, PodTemplates.ContainerAt c, String field, List<String> values, List<Finding> out) {
    List<Optional<Shape>> shapes = SecretShapes.inArguments(values == null ? List.of() : values);
    for (int i = 0; i < shapes.size(); i++) {
      if (shapes.get(i).isEmpty()) {
        continue;
      }
      String engine = engineCommand(c.container().getName());
      SpecPath path = engine != null ? SpecKeys.engineCommand(engine) : SpecKeys.argument(field, i);
      String hint = engine != null
          ? "read it from a variable that references a Secret (env.NAME { secret { name = …, key = … } }) and write \"$NAME\" in engine."
              + engine + ".command"
          : "put it in a variable that references a Secret (env.NAME { secret { name = …, key = … } }) and write $(NAME) in "
              + field + "; Kubernetes expands it when the container starts";
      out.add(finding(object, c.pointer() + "/" + field + "/" + i, path,
          object.displayName() + " container " + c.container().getName() + " has " + shapes.get(i).get().words() + " in "
              + field + "[" + i + "]" + (engine != null ? " (the script around engine." + engine + ".command)" : "") + COMMITTED,
          hint));
    }
  }

  /** The engine command whose script a backup Job's container runs (BackupGenerator names containers by component). */
  private static String engineCommand(String container) {
    return switch (container == null ? "" : container) {
      case "backup" -> "dump";
      case "backup-test" -> "verify";
      case "restore" -> "restore";
      default -> null;
    };
  }
}
