package dev.stateforge.spec;

import java.util.Optional;

/**
 * What the compiler knows of the engine the app runs, usually from a preset: whether its replicas
 * replicate, and what it needs for backups and restores. Each command is null when the spec does not
 * give it.
 */
public record EngineSpec(
    String name, Replication replication, String dumpCommand, String dumpExtension, String restoreCommand,
    boolean restoreOffline, String verifyCommand, Drill drill) {

  public static final EngineSpec NONE = new EngineSpec(null, Replication.UNSTATED, null, "dump", null, false, null, null);

  /**
   * How a restore drill runs a throw-away server of this engine inside its Job, in the app's image.
   *
   * @param start starts a server on $DRILL_DIR loaded with $DUMP_FILE, reachable only from the pod
   * @param run runs $SMOKE_QUERY against it and prints the answer
   * @param stop stops it
   * @param smokeQuery the query when the spec gives none; null when the engine has no default
   */
  public record Drill(String start, String run, String stop, String smokeQuery) {}

  public Optional<Drill> drills() {
    return Optional.ofNullable(drill);
  }

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
