package dev.stateforge.spec;

/**
 * A count or a percentage, as Kubernetes accepts for {@code maxUnavailable} and {@code
 * minAvailable}. Exactly one of the two is meaningful: {@code percent} is null for a count.
 */
public record IntOrPercent(int count, Integer percent) {

  public static IntOrPercent ofCount(int count) {
    return new IntOrPercent(count, null);
  }

  public static IntOrPercent ofPercent(int percent) {
    return new IntOrPercent(0, percent);
  }

  /** Parses {@code 3} or {@code "25%"}. */
  public static IntOrPercent parse(String text) {
    return text.endsWith("%")
        ? ofPercent(Integer.parseInt(text.substring(0, text.length() - 1)))
        : ofCount(Integer.parseInt(text));
  }

  public boolean isPercent() {
    return percent != null;
  }

  /** How many pods this means out of {@code replicas}, rounding up as the disruption controller does. */
  public int resolve(int replicas) {
    return isPercent() ? (int) Math.ceil(replicas * percent / 100.0) : count;
  }

  @Override
  public String toString() {
    return isPercent() ? percent + "%" : Integer.toString(count);
  }
}
