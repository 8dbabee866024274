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
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.DisplayPath;
import dev.stateforge.diag.Location;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
  private final Map<String, Parsed> parsed;
  /** Loading: the include statements that led to the file this instance serves, from the spec down. */
  private final List<Step> chain;
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

  /** One include statement on the way from the spec to an included file: the file that holds it, and its line. */
  record Step(Including file, int line) {
    @Override
    public String toString() {
      return Location.of(file.displayName(), line).toString();
    }
  }

  /** Deeper than any real layering of spec, shared files and presets; bounds the parser's recursion. */
  static final int MAX_INCLUDE_DEPTH = 10;

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
      Map<String, Parsed> parsed) {
    this(projectRoot, classpath, including, report, parsed, null, List.of());
  }

  private RestrictedIncluder(
      Path projectRoot, ClassLoader classpath, Including including, Consumer<Diagnostic> report,
      Map<String, Parsed> parsed, List<Include> found, List<Step> chain) {
    this.projectRoot = projectRoot;
    this.classpath = classpath;
    this.including = including;
    this.report = report;
    this.parsed = parsed;
    this.found = found;
    this.chain = chain;
  }

  /**
   * Parses one file or resource without following its includes (see {@link Outline}). Call it only
   * for what {@link SpecLoader} has loaded without a problem; a file that cannot be read or parsed
   * now gives null.
   */
  static Outline outline(Path projectRoot, ClassLoader classpath, Including file) {
    List<Include> includes = new ArrayList<>();
    RestrictedIncluder outlining =
        new RestrictedIncluder(projectRoot, classpath, file, problem -> { }, null, includes, List.of());
    try {
      String text = read(file, classpath, problem -> { });
      if (text == null) {
        return null;
      }
      // A string parse names every origin by the description alone, as the markers are named: so an
      // object that holds a marker keeps its own line when the two merge.
      ConfigObject root = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
          .setSyntax(syntaxOf(file.displayName()))
          .setOriginDescription(file.displayName())
          .setIncluder(outlining)).root();
      return new Outline(file, root, List.copyOf(includes));
    } catch (ConfigException e) {
      return null;
    }
  }

  /**
   * The text of a file or resource as {@link SpecText} reads it, checked by {@link SpecScan}; or
   * null after reporting why it cannot be parsed.
   */
  static String read(Including file, ClassLoader classpath, Consumer<Diagnostic> report) {
    return read(file, classpath, report, false);
  }

  /** @param spec whether the file is a spec of its own, rather than included by one */
  static String read(Including file, ClassLoader classpath, Consumer<Diagnostic> report, boolean spec) {
    byte[] bytes;
    try {
      if (file.file() != null) {
        try (InputStream in = Files.newInputStream(file.file())) {
          bytes = SpecText.readBounded(in);
        }
      } else {
        URL url = classpath.getResource(file.resource());
        if (url == null) {
          return null;
        }
        try (InputStream in = url.openStream()) {
          bytes = SpecText.readBounded(in);
        }
      }
    } catch (IOException e) {
      String why = e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
      report.accept(spec
          ? Diagnostic.error(Codes.SPEC_UNREADABLE, Location.of(file.displayName(), 0), DiagnosticPath.NONE, "the spec cannot be read: " + why)
              .withHint("check that the file exists and that the build may read it")
          : Diagnostic.error(Codes.INCLUDE_REFUSED, Location.of(file.displayName(), 0), DiagnosticPath.NONE,
              "cannot read " + file.displayName() + ": " + why));
      return null;
    }
    String text = SpecText.decode(bytes, file.displayName(), report);
    if (text == null) {
      return null;
    }
    var problem = SpecScan.check(text, file.displayName());
    problem.ifPresent(report);
    return problem.isPresent() ? null : text;
  }

  /** Parses text read by {@link #read}, its origins named so that {@link #locationOf} finds the file again. */
  static ConfigObject parse(String text, Including file, ConfigParseOptions options) {
    String origin = file.file() != null ? file.file().toString() : file.displayName();
    return ConfigFactory.parseString(text, options.setOriginDescription(origin)).root();
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
    return follow(written, target, reportTo -> parseIncluded(target, optionsFor(context, syntaxOf(resource), target, reportTo, written), reportTo));
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
    return follow(what, included, reportTo -> parseIncluded(included, optionsFor(context, syntaxOf(real.toString()), included, reportTo, what), reportTo));
  }

  private ConfigObject parseIncluded(Including file, ConfigParseOptions options, Consumer<Diagnostic> reportTo) {
    String text = read(file, classpath, reportTo);
    return text == null ? ConfigFactory.empty().root() : parse(text, file, options);
  }

  /** An allowed include: loaded (parsed once per build), or when outlining, recorded and marked. */
  private ConfigObject follow(String written, Including target, Function<Consumer<Diagnostic>, ConfigObject> parse) {
    if (found != null) {
      found.add(new Include(target, lineOf(written)));
      // Named like the outlined file's own origins, so that merging the marker into an object keeps the object's line.
      return ConfigValueFactory.fromMap(Map.of(Outline.MARKER + (found.size() - 1), true), including.displayName());
    }
    followedAny = true;
    List<Step> path = new ArrayList<>(chain);
    path.add(new Step(including, lineOf(written)));
    String route = path.stream().map(Step::toString).collect(Collectors.joining(" → ")) + " → " + target.displayName();
    if (path.stream().anyMatch(step -> step.file().key().equals(target.key()))) {
      report.accept(Diagnostic.error(Codes.INCLUDE_CYCLE, Location.of(including.displayName(), lineOf(written)), DiagnosticPath.NONE,
              "include cycle: " + route)
          .withHint("a file may not include itself, directly or through other files; move what both need into a third file"));
      return ConfigFactory.empty().root();
    }
    if (path.size() > MAX_INCLUDE_DEPTH) {
      report.accept(Diagnostic.error(Codes.SPEC_LIMIT, Location.of(including.displayName(), lineOf(written)), DiagnosticPath.NONE,
              "includes nest more than " + MAX_INCLUDE_DEPTH + " deep: " + route)
          .withHint("include the shared files from the spec itself rather than from each other"));
      return ConfigFactory.empty().root();
    }
    return parseOnce(target.key(), parse);
  }

  /** An included file as parsed, with the problems its parse reported (repeated wherever it is included again). */
  record Parsed(ConfigObject root, List<Diagnostic> problems) {}

  /**
   * Parses an include once per build: a file that a thousand specs include, or that each level of a
   * deep include tree includes twice, is read once.
   */
  private ConfigObject parseOnce(String key, Function<Consumer<Diagnostic>, ConfigObject> parse) {
    Parsed known = parsed.get(key);
    if (known == null) {
      List<Diagnostic> problems = new ArrayList<>();
      ConfigObject root = parse.apply(problems::add);
      known = new Parsed(root, List.copyOf(problems));
      parsed.put(key, known);
    }
    known.problems().forEach(report);
    return known.root();
  }

  private ConfigParseOptions optionsFor(
      ConfigIncludeContext context, ConfigSyntax syntax, Including next, Consumer<Diagnostic> reportTo, String written) {
    List<Step> path = new ArrayList<>(chain);
    path.add(new Step(including, lineOf(written)));
    return context.parseOptions()
        .setSyntax(syntax)
        .setAllowMissing(false)
        .setIncluder(new RestrictedIncluder(projectRoot, classpath, next, reportTo, parsed, null, List.copyOf(path)));
  }

  private ConfigObject refuse(String what, String message, String hint) {
    Location where = Location.of(including.displayName(), lineOf(what));
    Diagnostic d = Diagnostic.error(Codes.INCLUDE_REFUSED, where, DiagnosticPath.NONE, message);
    report.accept(hint == null ? d : d.withHint(hint));
    return ConfigFactory.empty().root();
  }

  private String displayOf(Path path) {
    return DisplayPath.of(projectRoot, path);
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
      // The name as a whole quoted string: "common" must not find the statement that includes "common/ports".
      Pattern statement = Pattern.compile("^\\s*include\\b.*\"" + Pattern.quote(what) + "\"");
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

  /** An origin's description: a file or resource name, then {@code : <line>} or {@code : <first>-<last>}. */
  private static final Pattern DESCRIBED = Pattern.compile("(?!merge of )(.+?)(?:: \\d+(?:-\\d+)?)?");

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
    String file = origin.filename();
    if (file == null) {
      // Parsed from text that SpecText read: the description is the file's path (or classpath:…), then the line.
      Matcher described = DESCRIBED.matcher(origin.description());
      if (!described.matches()) {
        return null;
      }
      file = described.group(1);
      if (file.startsWith("classpath:")) {
        return Location.of(file, line);
      }
      if (!Path.of(file).isAbsolute()) {
        return null;
      }
    }
    return Location.of(DisplayPath.of(projectRoot, Path.of(file)), line);
  }
}
