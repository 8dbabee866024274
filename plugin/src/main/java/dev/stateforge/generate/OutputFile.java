package dev.stateforge.generate;

/**
 * One file of the output tree before it is serialized.
 *
 * @param path relative to the output directory, {@code /}-separated
 * @param source the spec file it comes from, for the header comment; null when shared by several
 * @param content a Kubernetes object or a {@link Kustomization}
 */
public record OutputFile(String path, String source, Object content) {}
