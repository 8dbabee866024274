package dev.stateforge.diag;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, greppable identifier of a kind of finding ({@code quantity-format}), with its page on
 * the site. Declared once, in {@link Codes}.
 *
 * @param family the stage that reports it; it decides whether a spec may acknowledge it
 */
public record Code(String id, Family family) implements Comparable<Code> {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The stages, as the diagnostics index groups them. */
  public enum Family {
    SPECS, READING, SHAPE, SPEC, PROJECT, OBJECTS, POLICY, GUARD, OUTPUT, VALIDATE
  }

  public Code {
    Objects.requireNonNull(family, "family");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a code is lower-case words joined by dashes: " + id);
    }
  }

  /** Policy findings and data-safety changes may be accepted in a spec's {@code acknowledge} block; nothing else may. */
  public boolean acknowledgeable() {
    return family == Family.POLICY || family == Family.GUARD;
  }

  @Override
  public int compareTo(Code other) {
    return id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return id;
  }
}
