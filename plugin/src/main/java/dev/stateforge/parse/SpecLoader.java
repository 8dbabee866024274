package dev.stateforge.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import dev.stateforge.diag.Code;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.DisplayPath;
import dev.stateforge.diag.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses one spec file (HOCON {@code .conf} or JSON {@code .json}), follows its includes within the
 * project and the plugin's presets, and resolves substitutions against the spec itself and the
 * variables the user allowed by name, never the whole system environment.
 */
public final class SpecLoader {
  private final Path projectRoot;
  private final Map<String, String> variables;
  private final ClassLoader presets;
  /** Includes parsed so far in this build; safe to share because a parsed ConfigObject is immutable. */
  private final Map<String, RestrictedIncluder.Parsed> parsedIncludes = new ConcurrentHashMap<>();
  /** Included files and resources outlined so far, to find an environment that two files define. */
  private final Map<String, RestrictedIncluder.Outline> outlinedIncludes = new ConcurrentHashMap<>();
  /** Config files' sources read so far, as resolved in the project (for {@link #projectFilesRead}). */
  private final Set<Path> sourcesRead = ConcurrentHashMap.newKeySet();

  /**
   * @param projectRoot includes may not leave this directory
   * @param variables the only values that {@code ${NAME}} may take from outside the spec
   * @param presets where {@code include classpath(…)} looks
   */
  public SpecLoader(Path projectRoot, Map<String, String> variables, ClassLoader presets) {
    this.projectRoot = realPath(projectRoot);
    this.variables = Map.copyOf(variables);
    this.presets = presets;
  }

  /** Loads a spec, or reports why it cannot and returns empty. */
  public Optional<LoadedSpec> load(Path specFile, Diagnostics out) {
    Path file = realPath(specFile);
    String name = displayName(file);
    Path lexical = specFile.toAbsolutePath().normalize();
    if (!file.startsWith(projectRoot) && lexical.startsWith(projectRoot)) {
      // A link inside the project that leads out of it: its target is never read, so never quoted.
      String link = DisplayPath.relative(projectRoot, lexical);
      out.add(Diagnostic.error(Codes.SPEC_OUTSIDE_PROJECT, Location.of(link, 0), DiagnosticPath.NONE,
              "the spec is a link to a file outside the project directory, which Stateforge does not read")
          .withHint("copy the spec into the project; a link may point only at a file inside the project"));
      return Optional.empty();
    }
    try {
      return loadChecked(file, name, out);
    } catch (StackOverflowError e) {
      // A last resort: SpecScan and the include and substitution limits keep recursion well inside the stack.
      out.add(Diagnostic.error(Codes.SPEC_LIMIT, Location.of(name, 0), DiagnosticPath.NONE, "the spec nests too deeply to be read")
          .withHint("flatten nested objects, includes and substitutions"));
      return Optional.empty();
    }
  }

  private Optional<LoadedSpec> loadChecked(Path file, String name, Diagnostics out) {
    RestrictedIncluder.Including spec = RestrictedIncluder.Including.file(file, name);
    String text = RestrictedIncluder.read(spec, presets, out::add, true);
    if (text == null) {
      return Optional.empty();
    }
    if (text.isBlank()) {
      out.add(Diagnostic.error(Codes.SPEC_EMPTY, Location.of(name, 1), DiagnosticPath.NONE, "the spec file is empty")
          .withHint("a spec needs at least name, image, resources and storage"));
      return Optional.empty();
    }

    List<Diagnostic> includeProblems = new ArrayList<>();
    RestrictedIncluder includer = new RestrictedIncluder(projectRoot, presets, spec, includeProblems::add, parsedIncludes);
    Config config;
    try {
      ConfigParseOptions options = ConfigParseOptions.defaults()
          .setSyntax(RestrictedIncluder.syntaxOf(name))
          .setAllowMissing(false)
          .setIncluder(includer);
      config = RestrictedIncluder.parse(text, spec, options).toConfig();
    } catch (ConfigException e) {
      out.addAll(includeProblems.stream().distinct().toList());
      out.add(fromConfigException(Codes.SPEC_SYNTAX, e, name,
          e.getMessage().contains("end of file") ? "a brace, bracket or quote opened earlier is not closed" : null));
      return Optional.empty();
    }
    if (!includeProblems.isEmpty()) {
      out.addAll(includeProblems.stream().distinct().toList());
      return Optional.empty();
    }
    // Reported, and the spec still checked as HOCON merged it, so that one run shows every problem.
    if (includer.followedAny() && config.root().containsKey("environments")) {
      out.addAll(EnvironmentDuplicates.find(spec, source -> source.equals(spec)
          ? RestrictedIncluder.outline(projectRoot, presets, source)
          : outlinedIncludes.computeIfAbsent(source.key(), key -> RestrictedIncluder.outline(projectRoot, presets, source))));
    }
    if (config.root().isEmpty()) {
      out.add(Diagnostic.error(Codes.SPEC_EMPTY, Location.of(name, 1), DiagnosticPath.NONE, "the spec file defines nothing")
          .withHint("a spec needs at least name, image, resources and storage"));
      return Optional.empty();
    }

    ConfigSourceMap.OriginNames origins = origin -> RestrictedIncluder.locationOf(origin, projectRoot);
    Optional<Diagnostic> tooLarge = SubstitutionBudget.check(config.root(), name, origins);
    if (tooLarge.isPresent()) {
      out.add(tooLarge.get());
      return Optional.empty();
    }
    Config resolved;
    try {
      resolved = resolve(config);
    } catch (ConfigException.UnresolvedSubstitution e) {
      Diagnostic d = fromConfigException(Codes.SUBSTITUTION_UNRESOLVED, e, name,
          "a substitution takes a key of the spec, or an environment variable allowed by name "
              + "(<variables><variable>NAME</variable></variables>, or -Dstateforge.variables=NAME)");
      String prefix = "Could not resolve substitution to a value: ";
      String written = d.message().startsWith(prefix) ? d.message().substring(prefix.length()) : d.message();
      boolean cycle = written.contains(" was part of a cycle of substitutions");
      String detail = cycle ? written : written + " is neither a key of the spec nor an allowed variable";
      out.add(new Diagnostic(d.severity(), d.code(), d.location(), d.path(), detail,
          cycle ? "substitutions that refer to each other have no value; give one of them a value of its own" : d.hint()));
      return Optional.empty();
    } catch (ConfigException.BugOrBroken e) {
      // Lightbend's own failure, whose text shows its internals (and every value it was resolving).
      Location where = e.origin() == null ? null : origins.locationOf(e.origin());
      out.add(Diagnostic.error(Codes.SPEC_SYNTAX, where == null ? Location.of(name, 0) : where, DiagnosticPath.NONE,
              "the substitutions of this spec cannot be resolved")
          .withHint("a key appended to (+=) or substituted both here and in an environment is the usual cause; "
              + "write the whole value instead"));
      return Optional.empty();
    } catch (ConfigException e) {
      Diagnostic d = fromConfigException(Codes.SPEC_SYNTAX, e, name, null);
      if (d.message().startsWith("Cannot concatenate")) {
        // Lightbend's text prints both values whole, in its internal notation.
        d = Diagnostic.error(Codes.SPEC_SYNTAX, d.location(), DiagnosticPath.NONE,
                "a substitution joins an object or a list with a string, which cannot be joined")
            .withHint("join objects with objects (${base} { key = … }) and lists with lists (${base} [ … ])");
      }
      out.add(d);
      return Optional.empty();
    }

    Optional<ObjectNode> tree = SpecTree.of(resolved.root(), origins, name, out);
    if (tree.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LoadedSpec(name, tree.get(), new ConfigSourceMap(resolved, name, origins), resolved));
  }

  /**
   * Resolves substitutions against the spec, then the allowed variables. The variables join the
   * tree as a fallback (the spec's keys win) and leave it again afterwards: resolving against a
   * separate source trips a Lightbend bug on {@code +=} in environments whose message prints the source.
   */
  private Config resolve(Config config) {
    Config all = config.withFallback(ConfigFactory.parseMap(variables, "allowed variables"))
        .resolve(ConfigResolveOptions.noSystem());
    ConfigObject root = all.root();
    for (String variable : variables.keySet()) {
      String top = topKey(variable);
      if (top != null && !config.root().containsKey(top)) {
        root = root.withoutKey(top);
      }
    }
    return root.toConfig();
  }

  private static String topKey(String variable) {
    try {
      return ConfigUtil.splitPath(variable).get(0);
    } catch (ConfigException e) {
      return null;
    }
  }

  /** The app with the text of each config file's {@code source} read from the project; what cannot be read is reported. */
  public dev.stateforge.spec.AppSpec readFiles(dev.stateforge.spec.AppSpec app, dev.stateforge.diag.Reporter report) {
    app.configFiles().stream().filter(f -> f.source() != null)
        .forEach(f -> sourcesRead.add(projectRoot.resolve(f.source()).normalize()));
    return FileSources.read(app, projectRoot, report);
  }

  /**
   * The project files this loader has read besides the specs: every included file (by its real path)
   * and every config file's source. What a build's fingerprint must cover; presets come from the
   * plugin's own jar, which the fingerprint covers as a whole.
   */
  public Set<Path> projectFilesRead() {
    Set<Path> read = new java.util.TreeSet<>(sourcesRead);
    for (String key : parsedIncludes.keySet()) {
      if (!key.startsWith("classpath:")) {
        read.add(Path.of(key));
      }
    }
    return read;
  }

  /** The path of a file relative to the project root, {@code /}-separated. */
  public String displayName(Path file) {
    return DisplayPath.of(projectRoot, realPath(file));
  }

  private Diagnostic fromConfigException(Code code, ConfigException e, String file, String hint) {
    ConfigOrigin origin = e.origin();
    Location where = origin == null ? null : RestrictedIncluder.locationOf(origin, projectRoot);
    if (where == null) {
      where = Location.of(file, 0);
    }
    String message = e.getMessage();
    if (origin != null && message.startsWith(origin.description() + ": ")) {
      message = message.substring(origin.description().length() + 2);
    }
    Diagnostic d = Diagnostic.error(code, where, DiagnosticPath.NONE, message);
    return hint == null ? d : d.withHint(hint);
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
