package dev.stateforge.parse;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Lets a spec include files inside the project and resources on the plugin's classpath (the engine
 * presets), and nothing else: no URLs, no files outside the project, no silently missing includes.
 * Like kustomize's root-only load restriction, this keeps a build hermetic.
 *
 * <p>One instance serves one including file, so that a refused include can be reported at the line
 * that wrote it.
 *
 * <p>An includer either loads (follows each include and returns what it holds) or {@linkplain
 * #outline outlines}: it resolves each include the same way but returns a marker in its place, so
 * that the tree of one file shows where each of its includes puts its keys.
 */
final class RestrictedIncluder
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderClasspath, ConfigIncluderURL {

  private final Path projectRoot;
  private final ClassLoader classpath;
  private final Including including;
  private final Consumer<Diagnostic> report;
  /** Loading: includes parsed so far; null when outlining. */
  private final Map<String, ConfigObject> parsed;
  /** Outlining: the includes found so far, in the order of their statements; null when loading. */
  private final List<Include> found;
  private boolean followedAny;

  /** The file or classpath resource that holds the include statements this instance serves. */
  record Including(Path file, String resource, String displayName) {
    static Including file(Path file, String displayName) {
      return new Including(file, null, displayName);
    }

    static Including resource(String resource) {
      return new Including(null, resource, "classpath:" + resource);
    }

    /** Names the file or resource once per build: the real path of a file, classpath:… for a resource. */
    String key() {
      return file != null ? file.toString() : displayName;
    }
  }

  /** An include that an outlined file makes: what it names, and the line of its statement (0 if unknown). */
  record Include(Including target, int line) {}

  /**
   * One file or resource parsed on its own: each include statement is replaced by a one-key object
   * whose key {@link #includeNamedBy} recognises, so that where that key sits in {@code root} is where
   * the included keys land (at the top, inside {@code environments}, …). Origins in {@code root} carry
   * the lines of this file only; their file is {@code file}.
   */
  record Outline(Including file, ConfigObject root, List<Include> includes) {
    private static final String MARKER = "\0include:";

    /** The include that a key of the tree stands for, or null for a key the file itself wrote. */
    Include includeNamedBy(String key) {
      return key.startsWith(MARKER) ? includes.get(Integer.parseInt(key.substring(MARKER.length()))) : null;
    }
  }

  /**
   * @param parsed included files and resources already parsed in this build, by name: a preset that a
   *     thousand specs include is read once
   */
  RestrictedIncluder(
      Path projectRoot, ClassLoader classpath, Including including, Consumer<Diagnostic> report,
      Map<String, ConfigObject> parsed) {
    this(projectRoot, classpath, including, report, parsed, null);
  }

  private RestrictedIncluder(
      Path projectRoot, ClassLoader classpath, Including including, Consumer<Diagnostic> report,
      Map<String, ConfigObject> parsed, List<Include> found) {
    this.projectRoot = projectRoot;
    this.classpath = classpath;
    this.including = including;
    this.report = report;
    this.parsed = parsed;
    this.found = found;
  }

  /**
   * Parses one file or resource without following its includes (see {@link Outline}). Call it only
   * for what {@link SpecLoader} has loaded without a problem; a file that cannot be read or parsed
   * now gives null.
   */
  static Outline outline(Path projectRoot, ClassLoader classpath, Including file) {
    List<Include> includes = new ArrayList<>();
    RestrictedIncluder outlining =
        new RestrictedIncluder(projectRoot, classpath, file, problem -> { }, null, includes);
    try {
      String text;
      if (file.file() != null) {
        text = Files.readString(file.file(), StandardCharsets.UTF_8);
      } else {
        URL url = classpath.getResource(file.resource());
        if (url == null) {
          return null;
        }
        try (var in = url.openStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      // A string parse names every origin by the description alone, as the markers are named: so an
      // object that holds a marker keeps its own line when the two merge.
      ConfigObject root = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
          .setSyntax(syntaxOf(file.displayName()))
          .setOriginDescription(file.displayName())
          .setIncluder(outlining)).root();
      return new Outline(file, root, List.copyOf(includes));
    } catch (IOException | ConfigException e) {
      return null;
    }
  }

  /** Whether this includer has followed an include (loading), so that the file it serves is not alone. */
  boolean followedAny() {
    return followedAny;
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this; // never fall back to Lightbend's default includer, which would allow URLs
  }

  /** {@code include "common.conf"}: relative to the including file (or resource). */
  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    if (what.startsWith("http:") || what.startsWith("https:") || what.startsWith("file:")) {
      return refuse(what, "an include may not name a URL", "include a file inside the project, or a preset with classpath(\"stateforge/presets/<engine>.conf\")");
    }
    if (including.resource() != null) {
      String base = including.resource().contains("/")
          ? including.resource().substring(0, including.resource().lastIndexOf('/') + 1) : "";
      return includeResource(context, what, base + what);
    }
    Path target = including.file().getParent().resolve(what).normalize();
    return includeProjectFile(context, what, target);
  }

  /** {@code include file("…")}: a relative path is taken from the project base directory. */
  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    Path target = projectRoot.resolve(what.toPath()).normalize();
    return includeProjectFile(context, what.toString(), target);
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    return includeResource(context, what, what);
  }

  /** @param written what the include statement names; {@code what} is that, taken from the including resource's folder */
  private ConfigObject includeResource(ConfigIncludeContext context, String written, String what) {
    String resource = what.startsWith("/") ? what.substring(1) : what;
    URL url = classpath.getResource(resource);
    if (url == null) {
      return refuse(written, "no resource \"" + resource + "\" on the plugin's classpath",
          "presets are named like stateforge/presets/postgres.conf");
    }
    Including target = Including.resource(resource);
    return follow(written, target, reportTo -> ConfigFactory.parseResources(
        classpath, resource, optionsFor(context, syntaxOf(resource), target, reportTo)).root());
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    return refuse(what.toString(), "an include may not name a URL",
        "copy the file into the project, or use a preset with classpath(\"stateforge/presets/<engine>.conf\")");
  }

  private ConfigObject includeProjectFile(ConfigIncludeContext context, String what, Path target) {
    if (!target.startsWith(projectRoot)) {
      return refuse(what, "an include may not leave the project directory",
          "copy the file into the project, or use a preset with classpath(\"stateforge/presets/<engine>.conf\")");
    }
    Path real;
    try {
      if (!Files.isRegularFile(target)) {
        return refuse(what, "included file " + displayOf(target) + " does not exist",
            "an include names a file with its extension, relative to the including file");
      }
      real = target.toRealPath();
      if (!real.startsWith(projectRoot.toRealPath())) {
        return refuse(what, "an include may not leave the project directory",
            "copy the file into the project, or use a preset with classpath(\"stateforge/presets/<engine>.conf\")");
      }
    } catch (IOException e) {
      return refuse(what, "cannot read included file: " + e.getMessage(), null);
    }
    Including included = Including.file(real, displayOf(real));
    return follow(what, included, reportTo -> ConfigFactory.parseFile(
        real.toFile(), optionsFor(context, syntaxOf(real.toString()), included, reportTo)).root());
  }

  /** An allowed include: loaded (parsed once per build), or when outlining, recorded and marked. */
  private ConfigObject follow(String written, Including target, Function<Consumer<Diagnostic>, ConfigObject> parse) {
    if (found != null) {
      found.add(new Include(target, lineOf(written)));
      // Named like the outlined file's own origins, so that merging the marker into an object keeps the object's line.
      return ConfigValueFactory.fromMap(Map.of(Outline.MARKER + (found.size() - 1), true), including.displayName());
    }
    followedAny = true;
    return parseOnce(target.key(), parse);
  }

  /** Parses an include, or reuses an earlier parse of it that reported no problem. */
  private ConfigObject parseOnce(String key, Function<Consumer<Diagnostic>, ConfigObject> parse) {
    ConfigObject known = parsed.get(key);
    if (known != null) {
      return known;
    }
    AtomicInteger problems = new AtomicInteger();
    ConfigObject result = parse.apply(problem -> {
      problems.incrementAndGet();
      report.accept(problem);
    });
    if (problems.get() == 0) {
      parsed.put(key, result);
    }
    return result;
  }

  private ConfigParseOptions optionsFor(
      ConfigIncludeContext context, ConfigSyntax syntax, Including next, Consumer<Diagnostic> reportTo) {
    return context.parseOptions()
        .setSyntax(syntax)
        .setAllowMissing(false)
        .setIncluder(new RestrictedIncluder(projectRoot, classpath, next, reportTo, parsed));
  }

  private ConfigObject refuse(String what, String message, String hint) {
    Location where = Location.of(including.displayName(), lineOf(what));
    Diagnostic d = Diagnostic.error("include-refused", where, "", message);
    report.accept(hint == null ? d : d.withHint(hint));
    return ConfigFactory.empty().root();
  }

  private String displayOf(Path path) {
    Path root = projectRoot.toAbsolutePath().normalize();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString().replace(File.separatorChar, '/') : abs.toString();
  }

  /** The line of the include statement that names {@code what}, found by reading the including file. */
  private int lineOf(String what) {
    try {
      List<String> lines;
      if (including.file() != null) {
        lines = Files.readAllLines(including.file(), StandardCharsets.UTF_8);
      } else {
        URL url = classpath.getResource(including.resource());
        if (url == null) {
          return 0;
        }
        try (var in = url.openStream()) {
          lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
      }
      Pattern statement = Pattern.compile("^\\s*include\\b.*" + Pattern.quote(what));
      for (int i = 0; i < lines.size(); i++) {
        if (statement.matcher(lines.get(i)).find()) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      // The line is a convenience; the message still names the file.
    }
    return 0;
  }

  static ConfigSyntax syntaxOf(String name) {
    return name.endsWith(".json") ? ConfigSyntax.JSON : ConfigSyntax.CONF;
  }

  /** The origin's location relative to the project, for use by {@link ConfigSourceMap}. */
  static Location locationOf(ConfigOrigin origin, Path projectRoot) {
    int line = Math.max(origin.lineNumber(), 0);
    // A preset loaded from a directory on the classpath also has a file name; name it as a resource.
    if (origin.resource() != null) {
      return Location.of("classpath:" + origin.resource(), line);
    }
    if (origin.filename() != null) {
      Path root = projectRoot.toAbsolutePath().normalize();
      Path abs = Path.of(origin.filename()).toAbsolutePath().normalize();
      String name = abs.startsWith(root) ? root.relativize(abs).toString().replace(File.separatorChar, '/') : abs.toString();
      return Location.of(name, line);
    }
    return null;
  }
}
