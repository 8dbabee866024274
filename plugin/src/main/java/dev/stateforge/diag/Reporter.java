package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a rule reports against one spec: bound to the spec's source map, so a rule says {@code
 * error(code, path, message)} and the reporter finds the file and line. In an environment, the
 * reporter also names a key the environment sets by its path there ({@code
 * environments.prod.replicas}), and locates it at the environment's line.
 */
public final class Reporter {
  private final SourceMap sourceMap;
  private final UnaryOperator<SpecPath> shown;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private Reporter(SourceMap sourceMap, UnaryOperator<SpecPath> shown) {
    this.sourceMap = sourceMap;
    this.shown = shown;
  }

  /** For a spec's base: paths print as written. */
  public static Reporter of(SourceMap sourceMap) {
    return new Reporter(sourceMap, UnaryOperator.identity());
  }

  /** For an environment's merged spec: {@code shown} prints a path as the user wrote it. */
  public static Reporter of(SourceMap sourceMap, UnaryOperator<SpecPath> shown) {
    return new Reporter(sourceMap, shown);
  }

  public Reported error(Code code, SpecPath path, String message) {
    return report(Severity.ERROR, code, path, message);
  }

  public Reported warning(Code code, SpecPath path, String message) {
    return report(Severity.WARNING, code, path, message);
  }

  /** Where a path was written, for messages that point at a second place. */
  public Location locate(SpecPath path) {
    return sourceMap.locate(path);
  }

  /** A path as this reporter prints it. */
  public SpecPath shown(SpecPath path) {
    return shown.apply(path);
  }

  private Reported report(Severity severity, Code code, SpecPath path, String message) {
    diagnostics.add(new Diagnostic(severity, code, sourceMap.locate(path), shown.apply(path), message, null));
    return new Reported(diagnostics.size() - 1);
  }

  /** What has been reported, in order. */
  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** A diagnostic just reported, to give it a hint. */
  public final class Reported {
    private final int index;

    private Reported(int index) {
      this.index = index;
    }

    public Reported hint(String hint) {
      diagnostics.set(index, diagnostics.get(index).withHint(hint));
      return this;
    }

    /** Located where another key was written (a finding named by one key and caused by another). */
    public Reported at(SpecPath written) {
      Diagnostic d = diagnostics.get(index);
      diagnostics.set(index, new Diagnostic(d.severity(), d.code(), sourceMap.locate(written), d.path(), d.subject(), d.message(), d.hint()));
      return this;
    }
  }
}
