package dev.stateforge.podrunner;

import java.util.Map;

/** What the downward API knows of one pod: its name, namespace, address, labels and annotations. */
public record PodIdentity(String name, String namespace, int ordinal, String ip, String hostIp,
    Map<String, String> labels, Map<String, String> annotations) {}
