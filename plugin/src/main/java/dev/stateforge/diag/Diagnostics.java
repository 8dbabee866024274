package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects diagnostics from the stages; never throws for a user mistake. Not thread-safe. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Collection<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** All diagnostics, sorted by file, line, severity, code and message, without duplicates. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted().toList();
  }
}
