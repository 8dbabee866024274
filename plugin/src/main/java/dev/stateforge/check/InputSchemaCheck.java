package dev.stateforge.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.SpecSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a resolved spec tree against the spec's JSON Schema before anything is bound, so that every
 * shape error of a file is reported in one run, each at the line that wrote it.
 */
public final class InputSchemaCheck {

  private InputSchemaCheck() {}

  /** Reports every schema violation of {@code tree}; returns true when there was none. */
  public static boolean check(JsonNode tree, SourceMap sourceMap, Diagnostics out) {
    List<Error> errors = Holder.SCHEMA.validate(tree);
    // One finding per spec path and code: a bad value can fail several keywords at once.
    Map<List<Object>, Diagnostic> findings = new LinkedHashMap<>();
    for (Error error : errors) {
      Diagnostic d = SchemaErrorTranslator.translate(error, sourceMap);
      if (d != null) {
        findings.putIfAbsent(List.of(d.path(), d.code()), d);
      }
    }
    out.addAll(findings.values());
    return findings.isEmpty();
  }

  /** Converts a networknt instance location into a spec path. */
  static SpecPath specPath(NodePath location) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      elements.add(element instanceof Integer index ? index : element.toString());
    }
    return new SpecPath(elements);
  }

  private static final class Holder {
    /** Draft 7, plus the schema's own annotation that tells the error messages what a pattern means. */
    static final Dialect DIALECT =
        Dialect.builder(Dialects.getDraft7()).keyword(new AnnotationKeyword("x-stateforge-format")).build();

    static final Schema SCHEMA =
        SchemaRegistry.withDefaultDialect(DIALECT, builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)))
            .getSchema(SpecSchema.document());
  }
}
