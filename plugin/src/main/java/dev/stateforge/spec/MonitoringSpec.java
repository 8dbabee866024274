package dev.stateforge.spec;

import java.util.Optional;

/**
 * Prometheus Operator objects for the app.
 *
 * @param port the named port that serves metrics, or null: then only alert rules are written
 */
public record MonitoringSpec(boolean enabled, String port, String path, String interval, int volumeFullPercent) {

  public Optional<String> metricsPort() {
    return Optional.ofNullable(port);
  }
}
