package dev.stateforge.check;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.spec.AppSpec;
import java.util.List;

/** One semantic check of a bound app spec. Rules never throw for a user mistake; they report. */
public interface SpecRule {

  /** The findings for {@code app}, located through {@code sourceMap}. */
  List<Diagnostic> check(AppSpec app, SourceMap sourceMap);
}
