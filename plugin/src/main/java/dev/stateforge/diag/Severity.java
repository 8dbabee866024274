package dev.stateforge.diag;

import java.util.Locale;

/** How much a {@link Diagnostic} matters. Declared from least to most severe. */
public enum Severity {
  NOTE,
  WARNING,
  ERROR;

  /** The lower-case word used in printed diagnostics ({@code error}, {@code warning}, {@code note}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
