package dev.stateforge.spec;

import java.util.List;

/** A startup, readiness or liveness probe; {@code action} is null when the spec gives timings but no check. */
public record ProbeSpec(
    Action action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) {

  /** What the kubelet does to check. */
  public sealed interface Action permits Tcp, Http, Exec {}

  public record Tcp(PortRef port) implements Action {}

  public record Http(String path, PortRef port, String scheme) implements Action {}

  public record Exec(List<String> command) implements Action {}

  /** A port given by number, or by the name of a declared port. */
  public record PortRef(Integer number, String name) {
    public static PortRef of(int number) {
      return new PortRef(number, null);
    }

    public static PortRef named(String name) {
      return new PortRef(null, name);
    }

    public boolean isNamed() {
      return name != null;
    }

    @Override
    public String toString() {
      return isNamed() ? name : number.toString();
    }
  }
}
