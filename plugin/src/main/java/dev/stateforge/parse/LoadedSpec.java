package dev.stateforge.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateforge.diag.SourceMap;

/**
 * A spec file after parsing and resolving: its tree as JSON (for the schema check and the binder)
 * and a source map back to the lines that were written.
 *
 * @param file the spec file relative to the project base directory, {@code /}-separated
 */
public record LoadedSpec(String file, ObjectNode tree, SourceMap sourceMap) {}
