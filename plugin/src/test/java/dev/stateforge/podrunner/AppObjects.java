package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects of one app as {@code kubectl kustomize} built them: the StatefulSet the runner starts, and what its pods read. */
public record AppObjects(JsonNode statefulSet, Map<String, JsonNode> configMaps, List<JsonNode> services) {

  public static AppObjects parse(String builtYaml) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode set = null;
    Map<String, JsonNode> configMaps = new LinkedHashMap<>();
    List<JsonNode> services = new ArrayList<>();
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
        default -> { }
      }
    }
    if (set == null) {
      throw new IllegalArgumentException("no StatefulSet in the built objects");
    }
    return new AppObjects(set, configMaps, services);
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

  /** Client Services: those that select this app's pods and have a cluster IP (the governing headless one is not one). */
  public List<String> clientServices() {
    List<String> names = new ArrayList<>();
    JsonNode labels = statefulSet.at("/spec/template/metadata/labels");
    for (JsonNode service : services) {
      JsonNode selector = service.at("/spec/selector");
      boolean selects = selector.size() > 0;
      for (var entry : selector.properties()) {
        selects &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText());
      }
      if (selects && !service.at("/spec/clusterIP").asText().equals("None")) {
        names.add(service.at("/metadata/name").asText());
      }
    }
    return names;
  }
}
