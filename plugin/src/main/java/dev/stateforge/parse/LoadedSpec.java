package dev.stateforge.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import dev.stateforge.diag.SourceMap;

/**
 * A spec file after parsing and resolving: its tree as JSON (for the schema check and the binder)
 * and a source map back to the lines that were written.
 *
 * @param file the spec file relative to the project base directory, {@code /}-separated
 * @param config the resolved HOCON the tree was made from, which keeps every value's origin; null for
 *     a spec made by hand in a test, which then has no environments
 */
public record LoadedSpec(String file, ObjectNode tree, SourceMap sourceMap, Config config) {

  public LoadedSpec(String file, ObjectNode tree, SourceMap sourceMap) {
    this(file, tree, sourceMap, null);
  }
}
