package dev.stateforge.spec;

import java.util.SortedMap;

/**
 * A VolumeSnapshotClass that snapshot backups use. When {@code existing} is true the cluster already
 * has it and every other field is unset.
 */
public record VolumeSnapshotClassSpec(
    String name, boolean existing, String driver, String deletionPolicy, SortedMap<String, String> parameters) {}
