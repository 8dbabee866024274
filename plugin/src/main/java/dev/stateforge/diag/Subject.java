package dev.stateforge.diag;

/**
 * Whom a diagnostic is about, apart from what it says: the app (or {@code cluster} for shared
 * cluster objects), the environment, and the generated object. Printed before the message as
 * {@code app: } or {@code app in env: }; the object is for reports and the acknowledgement pass.
 *
 * @param app empty when the diagnostic is about no app (a plugin parameter, a hand-written file)
 * @param environment empty for the app's base
 * @param object {@code Kind/name} of the generated object, or empty
 */
public record Subject(String app, String environment, String object) {
  public static final Subject NONE = new Subject("", "", "");

  public Subject {
    app = app == null ? "" : app;
    environment = environment == null ? "" : environment;
    object = object == null ? "" : object;
  }

  public static Subject app(String app) {
    return new Subject(app, "", "");
  }

  public Subject inEnvironment(String name) {
    return new Subject(app, name, object);
  }

  public Subject onObject(String kindAndName) {
    return new Subject(app, environment, kindAndName);
  }

  /** What the printed message starts with. */
  public String prefix() {
    if (app.isEmpty()) {
      return "";
    }
    return environment.isEmpty() ? app + ": " : app + " in " + environment + ": ";
  }
}
