package dev.stateforge.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One generated object and the file it goes to. The file name is a pure function of the object's
 * kind and name, so the layout never depends on the order of the spec.
 */
public record Manifest(String fileName, HasMetadata object) {}
