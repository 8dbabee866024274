package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /** All diagnostics, sorted by file, line, severity, code and message; a line printed twice is printed once. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> printed = new HashSet<>();
    for (Diagnostic d : items.stream().sorted().toList()) {
      if (printed.add(d.format())) {
        out.add(d);
      }
    }
    return out;
  }
}
