package dev.stateforge.diag;

/**
 * What a diagnostic is about, in the language of what the user edits: a key of a spec, a plugin
 * parameter, or a place in a YAML document. Printed before the message; typed so that nothing
 * parses a printed path back.
 */
public sealed interface DiagnosticPath permits SpecPath, ParameterPath, YamlPath, DiagnosticPath.None {

  /** For diagnostics about a whole file, or no file. */
  DiagnosticPath NONE = new None();

  /** The path as printed; empty for {@link #NONE}. */
  @Override
  String toString();

  default boolean isEmpty() {
    return toString().isEmpty();
  }

  /** No path. */
  record None() implements DiagnosticPath {
    @Override
    public String toString() {
      return "";
    }
  }
}
