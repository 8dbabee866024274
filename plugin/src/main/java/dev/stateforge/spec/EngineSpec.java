package dev.stateforge.spec;

import java.util.Optional;

/**
 * What the compiler knows of the engine the app runs, usually from a preset: whether its replicas
 * replicate, and what it needs for backups and restores. Each command is null when the spec does not
 * give it.
 */
public record EngineSpec(
    String name, Replication replication, String dumpCommand, String dumpExtension, String restoreCommand,
    boolean restoreOffline, String verifyCommand) {

  public static final EngineSpec NONE = new EngineSpec(null, Replication.UNSTATED, null, "dump", null, false, null);

  /** Whether the pods of this engine, as the spec runs them, keep one copy of the data in step. */
  public enum Replication {
    /** The spec does not say; Stateforge can only guess from the image. */
    UNSTATED,
    /** Each replica is an independent server with data of its own (a plain single-server preset). */
    NONE,
    /** The replicas form one cluster or replication group. */
    REPLICATED
  }

  public Optional<String> dump() {
    return Optional.ofNullable(dumpCommand);
  }

  public Optional<String> restore() {
    return Optional.ofNullable(restoreCommand);
  }

  public Optional<String> verify() {
    return Optional.ofNullable(verifyCommand);
  }
}
