package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects of one app as {@code kubectl kustomize} built them: the StatefulSet the runner starts, what its pods read, and the policies that fence them. */
public record AppObjects(JsonNode statefulSet, Map<String, JsonNode> configMaps, List<JsonNode> services, List<JsonNode> networkPolicies) {

  public static AppObjects parse(String builtYaml) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode set = null;
    Map<String, JsonNode> configMaps = new LinkedHashMap<>();
    List<JsonNode> services = new ArrayList<>();
    List<JsonNode> policies = new ArrayList<>();
    for (JsonNode doc : yaml.readValues(yaml.getFactory().createParser(builtYaml), JsonNode.class).readAll()) {
      switch (doc.path("kind").asText()) {
        case "StatefulSet" -> {
          if (set != null) {
            throw new IllegalArgumentException("more than one StatefulSet: give the runner one app");
          }
          set = doc;
        }
        case "ConfigMap" -> configMaps.put(doc.at("/metadata/name").asText(), doc);
        case "Service" -> services.add(doc);
        case "NetworkPolicy" -> policies.add(doc);
        default -> { }
      }
    }
    if (set == null) {
      throw new IllegalArgumentException("no StatefulSet in the built objects");
    }
    return new AppObjects(set, configMaps, services, policies);
  }

  public String name() {
    return statefulSet.at("/metadata/name").asText();
  }

  public String namespace() {
    String namespace = statefulSet.at("/metadata/namespace").asText();
    return namespace.isEmpty() ? "default" : namespace;
  }

  public String serviceName() {
    return statefulSet.at("/spec/serviceName").asText();
  }

  public int replicas() {
    return statefulSet.at("/spec/replicas").asInt(1);
  }

  /** The first ordinal ({@code spec.ordinals.start}, 0 without it). */
  public int firstOrdinal() {
    return statefulSet.at("/spec/ordinals/start").asInt(0);
  }

  public JsonNode podSpec() {
    return statefulSet.at("/spec/template/spec");
  }

  public boolean orderedReady() {
    return !statefulSet.at("/spec/podManagementPolicy").asText().equals("Parallel");
  }

  /**
   * Client Services (those with a cluster IP: the governing headless one is not one), by name, with
   * the first ordinal each selects: a Service over every member, one of a single ordinal (the
   * {@code apps.kubernetes.io/pod-index} label) or of one pod ({@code statefulset.kubernetes.io/pod-name}),
   * matched against each pod's labels as the controller sets them. A Service of no pod is left out.
   */
  public Map<String, Integer> clientServices() {
    Map<String, Integer> first = new java.util.LinkedHashMap<>();
    JsonNode template = statefulSet.at("/spec/template/metadata/labels");
    for (JsonNode service : services) {
      JsonNode selector = service.at("/spec/selector");
      if (selector.isEmpty() || service.at("/spec/clusterIP").asText().equals("None")) {
        continue;
      }
      for (int i = 0; i < replicas(); i++) {
        int ordinal = firstOrdinal() + i;
        Map<String, String> labels = new java.util.HashMap<>();
        template.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put("apps.kubernetes.io/pod-index", String.valueOf(ordinal));
        labels.put("statefulset.kubernetes.io/pod-name", name() + "-" + ordinal);
        boolean selects = true;
        for (var entry : selector.properties()) {
          selects &= entry.getValue().asText().equals(labels.get(entry.getKey()));
        }
        if (selects) {
          first.put(service.at("/metadata/name").asText(), ordinal);
          break;
        }
      }
    }
    return first;
  }
}
