package dev.stateforge.spec;

import java.util.Locale;

/**
 * A named container port (of the main container or a sidecar). The headless Service carries every
 * port; the client Service those of role client; the network policy opens each to its role only.
 */
public record PortSpec(String name, int port, String protocol, Role role) {

  /** Who talks to a port. */
  public enum Role {
    /** The app's clients, through the client Service. */
    CLIENT,
    /** The other members: replication, quorum, leader election. */
    PEER,
    /** An operator's or a controller's port (JMX, an admin API): the members only. */
    ADMIN,
    /** The monitoring scraper. */
    METRICS;

    /** {@code client}, as the spec writes it. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }

  public boolean isClient() {
    return role == Role.CLIENT;
  }
}
