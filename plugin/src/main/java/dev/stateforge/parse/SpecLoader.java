package dev.stateforge.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.InternalError;
import dev.stateforge.diag.Location;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final Map<String, ConfigObject> parsedIncludes = new ConcurrentHashMap<>();
  /** Included files and resources outlined so far, to find an environment that two files define. */
  private final Map<String, RestrictedIncluder.Outline> outlinedIncludes = new ConcurrentHashMap<>();

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
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec " + name, e);
    }
    if (text.isBlank()) {
      out.add(Diagnostic.error("spec-empty", Location.of(name, 1), "", "the spec file is empty")
          .withHint("a spec needs at least name, image, resources and storage"));
      return Optional.empty();
    }

    List<Diagnostic> includeProblems = new ArrayList<>();
    RestrictedIncluder.Including spec = RestrictedIncluder.Including.file(file, name);
    RestrictedIncluder includer = new RestrictedIncluder(projectRoot, presets, spec, includeProblems::add, parsedIncludes);
    Config config;
    try {
      ConfigParseOptions options = ConfigParseOptions.defaults()
          .setSyntax(RestrictedIncluder.syntaxOf(name))
          .setAllowMissing(false)
          .setIncluder(includer);
      config = ConfigFactory.parseFile(file.toFile(), options);
    } catch (ConfigException e) {
      out.addAll(includeProblems);
      out.add(fromConfigException("spec-syntax", e, name,
          e.getMessage().contains("end of file") ? "a brace, bracket or quote opened earlier is not closed" : null));
      return Optional.empty();
    }
    if (!includeProblems.isEmpty()) {
      out.addAll(includeProblems);
      return Optional.empty();
    }
    // Reported, and the spec still checked as HOCON merged it, so that one run shows every problem.
    if (includer.followedAny() && config.root().containsKey("environments")) {
      out.addAll(EnvironmentDuplicates.find(spec, source -> source.equals(spec)
          ? RestrictedIncluder.outline(projectRoot, presets, source)
          : outlinedIncludes.computeIfAbsent(source.key(), key -> RestrictedIncluder.outline(projectRoot, presets, source))));
    }
    if (config.root().isEmpty()) {
      out.add(Diagnostic.error("spec-empty", Location.of(name, 1), "", "the spec file defines nothing")
          .withHint("a spec needs at least name, image, resources and storage"));
      return Optional.empty();
    }

    Config resolved;
    try {
      Config source = config.withFallback(ConfigFactory.parseMap(variables, "allowed variables"));
      resolved = config.resolveWith(source, ConfigResolveOptions.noSystem());
    } catch (ConfigException.UnresolvedSubstitution e) {
      Diagnostic d = fromConfigException("substitution-unresolved", e, name,
          "a substitution takes a key of the spec, or an environment variable allowed by name "
              + "(<variables><variable>NAME</variable></variables>, or -Dstateforge.variables=NAME)");
      String detail = d.message().replace("Could not resolve substitution to a value: ", "");
      out.add(new Diagnostic(d.severity(), d.code(), d.location(), d.specPath(),
          detail + " is neither a key of the spec nor an allowed variable", d.hint()));
      return Optional.empty();
    } catch (ConfigException e) {
      out.add(fromConfigException("spec-syntax", e, name, null));
      return Optional.empty();
    }

    ObjectNode tree = toJson(resolved);
    ConfigSourceMap sourceMap =
        new ConfigSourceMap(resolved, name, origin -> RestrictedIncluder.locationOf(origin, projectRoot));
    return Optional.of(new LoadedSpec(name, tree, sourceMap));
  }

  /** The path of a file relative to the project root, {@code /}-separated. */
  public String displayName(Path file) {
    Path abs = realPath(file);
    return abs.startsWith(projectRoot)
        ? projectRoot.relativize(abs).toString().replace(File.separatorChar, '/')
        : abs.toString();
  }

  private Diagnostic fromConfigException(String code, ConfigException e, String file, String hint) {
    ConfigOrigin origin = e.origin();
    Location where = origin == null ? null : RestrictedIncluder.locationOf(origin, projectRoot);
    if (where == null) {
      where = Location.of(file, 0);
    }
    String message = e.getMessage();
    if (origin != null && message.startsWith(origin.description() + ": ")) {
      message = message.substring(origin.description().length() + 2);
    }
    Diagnostic d = Diagnostic.error(code, where, "", message);
    return hint == null ? d : d.withHint(hint);
  }

  /** The resolved tree as Jackson nodes, converted value by value (no JSON text in between). */
  private static ObjectNode toJson(Config config) {
    return (ObjectNode) toJson(config.root());
  }

  private static JsonNode toJson(ConfigValue value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (value.valueType()) {
      case OBJECT: {
        ObjectNode object = nodes.objectNode();
        ((ConfigObject) value).forEach((key, child) -> object.set(key, toJson(child)));
        return object;
      }
      case LIST: {
        ArrayNode list = nodes.arrayNode();
        ((ConfigList) value).forEach(child -> list.add(toJson(child)));
        return list;
      }
      case NUMBER: {
        Number number = (Number) value.unwrapped();
        if (number instanceof Integer i) {
          return nodes.numberNode(i);
        }
        if (number instanceof Long l) {
          return nodes.numberNode(l);
        }
        return nodes.numberNode(new BigDecimal(number.toString()));
      }
      case BOOLEAN:
        return nodes.booleanNode((Boolean) value.unwrapped());
      case NULL:
        return nodes.nullNode();
      case STRING:
        return nodes.textNode((String) value.unwrapped());
      default:
        throw new InternalError("unexpected HOCON value type " + value.valueType());
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
