package dev.stateforge.diag;

/**
 * Finds where a spec path was written, so that a finding made on typed records can still name the
 * file and line. A path that was never written (a default) reports its nearest written ancestor.
 */
@FunctionalInterface
public interface SourceMap {

  Location locate(SpecPath path);

  default Location locate(Object... elements) {
    return locate(SpecPath.of(elements));
  }
}
