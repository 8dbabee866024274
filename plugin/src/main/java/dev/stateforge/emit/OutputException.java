package dev.stateforge.emit;

import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;

/**
 * The output directory cannot be written (or read as the previous build) without risking a file
 * Stateforge did not write, or without a baseline for the data-safety guard: a user's situation to
 * fix, reported as an error with a diagnostic code, never a stack trace.
 */
public final class OutputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Files Stateforge did not write are where it would write. */
  public static final Code NOT_OWNED = Codes.OUTPUT_NOT_OWNED;
  /** The output path, or a folder or file inside it, is not what Stateforge writes there. */
  public static final Code NOT_DIRECTORY = Codes.OUTPUT_NOT_DIRECTORY;
  /** The previous build's output is incomplete or unreadable, so the guard has nothing to compare with. */
  public static final Code BASELINE_MISSING = Codes.OUTPUT_BASELINE_MISSING;
  /** Another build holds the output directory's lock. */
  public static final Code LOCKED = Codes.OUTPUT_LOCKED;

  private final Code code;
  private final String hint;

  public OutputException(Code code, String message, String hint) {
    super(message);
    this.code = code;
    this.hint = hint;
  }

  public Code code() {
    return code;
  }

  public String hint() {
    return hint;
  }
}
