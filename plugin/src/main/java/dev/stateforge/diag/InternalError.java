package dev.stateforge.diag;

/**
 * A bug in Stateforge, not in the user's spec: for example a binder failure after a clean schema
 * check. The Maven layer reports it as an execution error that asks for a bug report.
 */
public final class InternalError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InternalError(String message, Throwable cause) {
    super(message, cause);
  }

  public InternalError(String message) {
    super(message);
  }
}
