package dev.stateforge.spec;

import java.util.Optional;

/**
 * What the engine needs for backups and restores, usually from a preset. Each command is null when
 * the spec does not give it.
 */
public record EngineSpec(
    String name, String dumpCommand, String dumpExtension, String restoreCommand, boolean restoreOffline,
    String verifyCommand) {

  public static final EngineSpec NONE = new EngineSpec(null, null, "dump", null, false, null);

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
