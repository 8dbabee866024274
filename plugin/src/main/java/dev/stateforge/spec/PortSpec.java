package dev.stateforge.spec;

/** A named container port; both Services expose it under the same name and number. */
public record PortSpec(String name, int port, String protocol) {}
