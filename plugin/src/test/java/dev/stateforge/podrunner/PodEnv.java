package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet makes it: {@code envFrom} first, then {@code env} in
 * order, where a literal {@code value} is expanded with the variables defined before it and a
 * {@code valueFrom} is taken as it is (Secrets from the test's values, ConfigMaps from the built
 * objects, the downward API from the pod).
 */
public record PodEnv(AppObjects app, Map<String, Map<String, String>> secrets, PodIdentity pod) {
  private static final Pattern LABEL = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  public Map<String, String> resolve(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      String prefix = from.path("prefix").asText();
      Map<String, String> values = from.has("configMapRef")
          ? configMap(from.at("/configMapRef/name").asText(), from.at("/configMapRef/optional").asBoolean())
          : secret(from.at("/secretRef/name").asText(), from.at("/secretRef/optional").asBoolean());
      values.forEach((key, value) -> {
        if (ENV_NAME.matcher(prefix + key).matches()) {
          env.put(prefix + key, value);
        }
      });
    }
    for (JsonNode entry : container.path("env")) {
      String name = entry.path("name").asText();
      if (!entry.has("valueFrom")) {
        env.put(name, Expansion.expand(entry.path("value").asText(), env));
        continue;
      }
      String value = valueFrom(container, entry.path("valueFrom"), name);
      if (value != null) {
        env.put(name, value);
      }
    }
    return env;
  }

  private String valueFrom(JsonNode container, JsonNode from, String name) {
    if (from.has("fieldRef")) {
      return field(from.at("/fieldRef/fieldPath").asText(), name);
    }
    if (from.has("resourceFieldRef")) {
      return resource(container, from.path("resourceFieldRef"));
    }
    JsonNode ref = from.has("secretKeyRef") ? from.path("secretKeyRef") : from.path("configMapKeyRef");
    boolean optional = ref.path("optional").asBoolean();
    Map<String, String> values = from.has("secretKeyRef")
        ? secret(ref.path("name").asText(), optional) : configMap(ref.path("name").asText(), optional);
    String key = ref.path("key").asText();
    if (!values.containsKey(key) && !optional) {
      // The kubelet would not start the container (CreateContainerConfigError); never print a value.
      throw new IllegalStateException("env " + name + ": key " + key + " of " + (from.has("secretKeyRef") ? "Secret " : "ConfigMap ")
          + ref.path("name").asText() + " is missing");
    }
    return values.get(key);
  }

  private String field(String path, String name) {
    Matcher labelOrAnnotation = LABEL.matcher(path);
    if (labelOrAnnotation.matches()) {
      Map<String, String> map = labelOrAnnotation.group(1).equals("labels") ? pod.labels() : pod.annotations();
      return map.getOrDefault(labelOrAnnotation.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.name();
      case "metadata.namespace" -> pod.namespace();
      case "metadata.uid" -> "00000000-0000-0000-0000-" + String.format("%012d", pod.ordinal());
      case "status.podIP", "status.podIPs" -> pod.ip();
      case "status.hostIP", "status.hostIPs" -> pod.hostIp();
      case "spec.nodeName" -> "podrunner";
      case "spec.serviceAccountName" -> "default";
      default -> throw new IllegalArgumentException("env " + name + ": fieldRef " + path + " is not a field the downward API offers");
    };
  }

  private String resource(JsonNode container, JsonNode ref) {
    String resource = ref.path("resource").asText();
    String divisor = ref.path("divisor").asText("1");
    String[] parts = resource.split("\\.", 2);
    String quantity = container.at("/resources/" + parts[0] + "/" + parts[1]).asText();
    if (quantity.isEmpty() && parts[0].equals("limits")) {
      // Without a limit the kubelet gives the node's allocatable capacity.
      quantity = parts[1].equals("cpu") ? String.valueOf(Runtime.getRuntime().availableProcessors())
          : String.valueOf(Runtime.getRuntime().maxMemory());
    }
    return Quantity.inUnits(quantity.isEmpty() ? "0" : quantity, divisor);
  }

  Map<String, String> configMap(String name, boolean optional) {
    JsonNode map = app.configMaps().get(name);
    if (map == null) {
      if (optional) {
        return Map.of();
      }
      throw new IllegalStateException("ConfigMap " + name + " is not among the built objects");
    }
    Map<String, String> data = new LinkedHashMap<>();
    map.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  Map<String, String> secret(String name, boolean optional) {
    Map<String, String> values = secrets.get(name);
    if (values == null) {
      if (optional) {
        return Map.of();
      }
      throw new IllegalStateException("Secret " + name + " was not given by the test");
    }
    return values;
  }
}
