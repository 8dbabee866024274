package dev.stateforge.emit;

/**
 * The output directory cannot be written (or read as the previous build) without risking a file
 * Stateforge did not write, or without a baseline for the data-safety guard: a user's situation to
 * fix, reported as an error with a diagnostic code, never a stack trace.
 */
public final class OutputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Files Stateforge did not write are where it would write. */
  public static final String NOT_OWNED = "output-not-owned";
  /** The output path, or a folder or file inside it, is not what Stateforge writes there. */
  public static final String NOT_DIRECTORY = "output-not-directory";
  /** The previous build's output is incomplete or unreadable, so the guard has nothing to compare with. */
  public static final String BASELINE_MISSING = "output-baseline-missing";
  /** Another build holds the output directory's lock. */
  public static final String LOCKED = "output-locked";

  /** Every code an output problem is reported with. */
  public static final java.util.List<String> CODES = java.util.List.of(BASELINE_MISSING, LOCKED, NOT_DIRECTORY, NOT_OWNED);

  private final String code;
  private final String hint;

  public OutputException(String code, String message, String hint) {
    super(message);
    this.code = code;
    this.hint = hint;
  }

  public String code() {
    return code;
  }

  public String hint() {
    return hint;
  }
}
