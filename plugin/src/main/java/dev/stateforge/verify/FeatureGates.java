package dev.stateforge.verify;

import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.SpecKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes feature gates that decide whether a field Stateforge writes takes effect. A field
 * behind a gate that is off is kept by the API server and ignored by the controllers, so the cluster
 * silently does something else than the spec says. One line per gate: the kind and field it
 * governs, the spec key that writes it, and its default from each release on, to the patch where a
 * default flipped within a minor.
 */
public final class FeatureGates {

  /** A gate and the field it governs. */
  public record Gate(String name, String kind, String pointer, SpecPath specKey, List<Default> history) {

    /** The gate's default in every patch of {@code minor}: on, off, or on in some patches only. */
    public State stateIn(String minor) {
      Version first = Version.parse(minor + ".0");
      boolean on = defaultAt(first);
      boolean mixed = history.stream().anyMatch(d -> d.since().sameMinor(first) && d.since().patch() > 0 && d.on() != on);
      return mixed ? State.DEPENDS_ON_PATCH : on ? State.ON : State.OFF;
    }

    boolean defaultAt(Version version) {
      boolean on = false; // a gate that does not exist yet is off: the field does not work at all
      for (Default d : history) {
        if (d.since().compareTo(version) <= 0) {
          on = d.on();
        }
      }
      return on;
    }

    /** Where the gate is on by default, for a message: {@code in 1.35 to 1.35.3, and from 1.37}. */
    public String onByDefault() {
      List<String> ranges = new ArrayList<>();
      for (int i = 0; i < history.size(); i++) {
        Default d = history.get(i);
        if (!d.on() || i > 0 && history.get(i - 1).on()) {
          continue; // a range starts where the default turns on
        }
        Optional<Default> end = history.stream().skip(i + 1).filter(n -> !n.on()).findFirst();
        ranges.add(end.map(e -> "in " + d.since().display() + " to " + e.since().lastBefore()).orElse("from " + d.since().display()));
      }
      return ranges.isEmpty() ? "in no release yet" : String.join(", and ", ranges);
    }
  }

  /** The default from a release on, until the gate's next row. */
  public record Default(Version since, boolean on, String stage) {}

  public enum State { ON, OFF, DEPENDS_ON_PATCH }

  /** The gates, each in one line: {@code <since>: <stage> on|off; …} (sources in the notes on the right). */
  public static final List<Gate> ALL = List.of(
      // kubernetes/kubernetes#137926 and #137904 turned the beta off again in 1.35.4; #139466 turns it on in 1.37.
      gate("MaxUnavailableStatefulSet", "StatefulSet", "/spec/updateStrategy/rollingUpdate/maxUnavailable",
          SpecKeys.UPDATES_MAX_UNAVAILABLE, "1.24.0: alpha off; 1.35.0: beta on; 1.35.4: beta off; 1.37.0: beta on"),
      gate("StatefulSetAutoDeletePVC", "StatefulSet", "/spec/persistentVolumeClaimRetentionPolicy",
          SpecKeys.STORAGE_RETENTION, "1.23.0: alpha off; 1.27.0: beta on; 1.32.0: GA on"),
      // KEP-3335; the pod-index label that cluster.identity.ordinal reads is KEP-4017 (beta on 1.28, GA 1.32), a label, not a field.
      gate("StatefulSetStartOrdinal", "StatefulSet", "/spec/ordinals",
          SpecKeys.ORDINALS_START, "1.26.0: alpha off; 1.27.0: beta on; 1.31.0: GA on"),
      gate("PDBUnhealthyPodEvictionPolicy", "PodDisruptionBudget", "/spec/unhealthyPodEvictionPolicy",
          SpecKeys.DISRUPTION, "1.26.0: alpha off; 1.27.0: beta on; 1.31.0: GA on"),
      gate("CronJobTimeZone", "CronJob", "/spec/timeZone",
          SpecKeys.BACKUP_TIME_ZONE, "1.24.0: alpha off; 1.25.0: beta on; 1.27.0: GA on"));

  private FeatureGates() {}

  /** The gates that are not on by default in every patch of {@code minor}. */
  public static List<Gate> notOnIn(String minor) {
    return ALL.stream().filter(g -> g.stateIn(minor) != State.ON).toList();
  }

  static Gate gate(String name, String kind, String pointer, SpecPath specKey, String history) {
    List<Default> defaults = new ArrayList<>();
    for (String row : history.split(";")) {
      String[] sinceAndRest = row.trim().split(":\\s*", 2);
      String[] stageAndDefault = sinceAndRest[1].trim().split("\\s+");
      if (stageAndDefault.length != 2 || !stageAndDefault[1].matches("on|off")) {
        throw new IllegalArgumentException("gate " + name + ": a row is \"<version>: <stage> on|off\", not \"" + row + "\"");
      }
      defaults.add(new Default(Version.parse(sinceAndRest[0]), stageAndDefault[1].equals("on"), stageAndDefault[0]));
    }
    for (int i = 1; i < defaults.size(); i++) {
      if (defaults.get(i).since().compareTo(defaults.get(i - 1).since()) <= 0) {
        throw new IllegalArgumentException("gate " + name + ": rows must be in release order");
      }
    }
    return new Gate(name, kind, pointer, specKey, List.copyOf(defaults));
  }

  /** A Kubernetes release, {@code major.minor.patch}. */
  public record Version(int major, int minor, int patch) implements Comparable<Version> {
    public static Version parse(String text) {
      String[] parts = text.split("\\.");
      if (parts.length != 3) {
        throw new IllegalArgumentException("a release is major.minor.patch: " + text);
      }
      return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    boolean sameMinor(Version other) {
      return major == other.major && minor == other.minor;
    }

    /** The release just before this one: {@code 1.35.3} before {@code 1.35.4}, the minor {@code 1.34} before {@code 1.35.0}. */
    String lastBefore() {
      return patch > 0 ? major + "." + minor + "." + (patch - 1) : major + "." + (minor - 1);
    }

    /** {@code 1.37} for a minor's first release, {@code 1.35.4} for a patch. */
    String display() {
      return patch == 0 ? major + "." + minor : toString();
    }

    @Override
    public int compareTo(Version o) {
      return major != o.major ? Integer.compare(major, o.major)
          : minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }
}
