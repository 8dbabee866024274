package dev.stateforge.parse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.SourceMap;
import dev.stateforge.diag.SpecPath;

/**
 * Locates spec paths through the origins that Lightbend Config keeps on every value. After
 * includes and overrides, a value reports the file and line that set it last.
 */
final class ConfigSourceMap implements SourceMap {
  private final Config config;
  private final String specFile;
  private final OriginNames names;

  ConfigSourceMap(Config config, String specFile, OriginNames names) {
    this.config = config;
    this.specFile = specFile;
    this.names = names;
  }

  /** The same origins over another config made from this one (an environment merged over the spec). */
  ConfigSourceMap over(Config other) {
    return new ConfigSourceMap(other, specFile, names);
  }

  OriginNames names() {
    return names;
  }

  @Override
  public Location locate(SpecPath path) {
    for (SpecPath p = path; ; p = p.parent()) {
      ConfigValue value = valueAt(p);
      if (value != null && value.origin() != null) {
        Location location = names.locationOf(value.origin());
        if (location != null) {
          return location;
        }
      }
      if (p.isRoot()) {
        return Location.of(specFile, 0);
      }
    }
  }

  private ConfigValue valueAt(SpecPath path) {
    ConfigValue current = config.root();
    for (Object element : path.elements()) {
      try {
        if (element instanceof Integer index && current instanceof ConfigList list) {
          if (index >= list.size()) {
            return null;
          }
          current = list.get(index);
        } else if (element instanceof String key && current instanceof ConfigObject object) {
          current = object.get(key);
          if (current == null) {
            return null;
          }
        } else {
          return null;
        }
      } catch (ConfigException e) {
        return null;
      }
    }
    return current;
  }

  /** Turns origins into locations relative to the project. */
  interface OriginNames {
    /** The location of an origin, or null when it carries no file or resource. */
    Location locationOf(ConfigOrigin origin);
  }
}
