package dev.stateforge.parse;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigSyntax;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Location;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class RestrictedIncluder
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderClasspath, ConfigIncluderURL {

  private final Path projectRoot;
  private final ClassLoader classpath;
  private final Including including;
  private final Consumer<Diagnostic> report;
  private final Map<String, ConfigObject> parsed;

  /** The file or classpath resource that holds the include statements this instance serves. */
  record Including(Path file, String resource, String displayName) {
    static Including file(Path file, String displayName) {
      return new Including(file, null, displayName);
    }

    static Including resource(String resource) {
      return new Including(null, resource, "classpath:" + resource);
    }
  }

  /**
   * @param parsed included files and resources already parsed in this build, by name: a preset that a
   *     thousand specs include is read once
   */
  RestrictedIncluder(
      Path projectRoot, ClassLoader classpath, Including including, Consumer<Diagnostic> report,
      Map<String, ConfigObject> parsed) {
    this.projectRoot = projectRoot;
    this.classpath = classpath;
    this.including = including;
    this.report = report;
    this.parsed = parsed;
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
      return includeResources(context, base + what);
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
    String resource = what.startsWith("/") ? what.substring(1) : what;
    URL url = classpath.getResource(resource);
    if (url == null) {
      return refuse(what, "no resource \"" + resource + "\" on the plugin's classpath",
          "presets are named like stateforge/presets/postgres.conf");
    }
    return parseOnce("classpath:" + resource, reportTo -> ConfigFactory.parseResources(
        classpath, resource, optionsFor(context, syntaxOf(resource), Including.resource(resource), reportTo)).root());
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
    return parseOnce(real.toString(), reportTo -> ConfigFactory.parseFile(
        real.toFile(), optionsFor(context, syntaxOf(real.toString()), Including.file(real, displayOf(real)), reportTo)).root());
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
