package dev.stateforge.diag;

/**
 * A bug in Stateforge, not in the user's input: for example a binder failure after a clean schema
 * check. The Maven layer reports it as an execution error that asks for a bug report. (Not named
 * InternalError, which would shadow {@link java.lang.InternalError}.)
 */
public final class StateforgeBug extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateforgeBug(String message, Throwable cause) {
    super(message, cause);
  }

  public StateforgeBug(String message) {
    super(message);
  }
}
