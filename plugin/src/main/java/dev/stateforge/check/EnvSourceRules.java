package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.SpecKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Env entries that read the pod or the container through the downward API: only the fields
 * Kubernetes supports for env (it rejects the pod otherwise, long after the build), and a divisor
 * the resource accepts.
 */
public final class EnvSourceRules implements SpecRule {
  /** The fields an env entry may read, as the API server's validation lists them. */
  static final List<String> FIELDS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
      "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");

  private static final Pattern SUBSCRIPTED = Pattern.compile("^metadata\\.(labels|annotations)\\['(.*)'\\]$");
  private static final Pattern QUALIFIED_NAME = Pattern.compile(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

  /** Divisors the API server accepts, in its canonical spelling (which is what this list compares). */
  private static final Set<String> CPU_DIVISORS = Set.of("1m", "1");
  private static final List<String> BYTE_DIVISORS =
      List.of("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");

  @Override
  public void check(AppSpec app, Reporter report) {
    checkEnv(SpecPath.ROOT, app.env(), report);
    for (int i = 0; i < app.initContainers().size(); i++) {
      checkEnv(SpecPath.of("initContainers").index(i), app.initContainers().get(i).env(), report);
    }
    for (int i = 0; i < app.sidecars().size(); i++) {
      checkEnv(SpecPath.of("sidecars").index(i), app.sidecars().get(i).env(), report);
    }
  }

  /** The env entries of the container declared at {@code container} (the spec's root for the main one). */
  private static void checkEnv(SpecPath container, List<EnvVarSpec> env, Reporter report) {
    for (EnvVarSpec entry : env) {
      if (entry.source() instanceof EnvVarSpec.PodField field) {
        fieldProblem(field.fieldPath()).ifPresent(hint -> {
          SpecPath path = SpecKeys.envSource(entry.name(), "field").under(container.elements().toArray());
          report.error(Codes.ENV_FIELD_UNSUPPORTED, path,
                  "Kubernetes cannot put \"" + ValueMask.cut(field.fieldPath()) + "\" into an environment variable")
              .hint(hint);
        });
      } else if (entry.source() instanceof EnvVarSpec.ContainerResource resource && resource.divisor() != null) {
        boolean cpu = resource.resource().endsWith(".cpu");
        String divisor = resource.divisor().text();
        if (cpu ? !CPU_DIVISORS.contains(divisor) : !BYTE_DIVISORS.contains(divisor)) {
          SpecPath path = SpecKeys.envSource(entry.name(), "resource", "divisor").under(container.elements().toArray());
          report.error(Codes.ENV_RESOURCE_DIVISOR, path,
                  "divisor " + ValueMask.cut(divisor) + " is not one Kubernetes accepts for " + resource.resource())
              .hint(cpu ? "for CPU, write 1 (whole cores, rounded up) or 1m (millicores)"
                  : "write one of " + String.join(", ", BYTE_DIVISORS));
        }
      }
    }
  }

  /** Why Kubernetes refuses this field path for env, as a hint; empty when it accepts it. */
  static Optional<String> fieldProblem(String fieldPath) {
    if (FIELDS.contains(fieldPath)) {
      return Optional.empty();
    }
    Matcher subscripted = SUBSCRIPTED.matcher(fieldPath);
    if (subscripted.matches()) {
      String key = subscripted.group(2);
      return QUALIFIED_NAME.matcher(key).matches() && key.length() <= 317 ? Optional.empty()
          : Optional.of("\"" + ValueMask.cut(key) + "\" is not a valid " + subscripted.group(1).replaceAll("s$", "") + " key");
    }
    if (fieldPath.equals("metadata.labels") || fieldPath.equals("metadata.annotations")) {
      return Optional.of("an environment variable holds one value: name the key, as in " + fieldPath + "['apps.kubernetes.io/pod-index']");
    }
    if (fieldPath.startsWith("metadata.labels[") || fieldPath.startsWith("metadata.annotations[")) {
      return Optional.of("quote the key with single quotes, as in metadata.labels['apps.kubernetes.io/pod-index']");
    }
    String guess = Suggestions.closest(fieldPath, FIELDS);
    return Optional.of((guess != null ? "did you mean \"" + guess + "\"? " : "")
        + "env can read " + String.join(", ", FIELDS) + ", metadata.labels['<key>'] and metadata.annotations['<key>']");
  }
}
