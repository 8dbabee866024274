package dev.stateforge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The request for a test case folder: specs in {@code input/}, and, when the case has a {@code
 * gitops.properties}, the Argo CD and Flux parameters it sets (keys as the Maven parameters are
 * named; {@code destinations.<env>} for each destination); when it has a {@code
 * variables.properties}, the variables the build allows, with their values.
 */
final class CaseRequest {
  private CaseRequest() {}

  static CompileRequest of(Path caseDir, Path output) throws IOException {
    return new CompileRequest(caseDir, caseDir.resolve("input"), output, properties(caseDir.resolve("variables.properties")),
        false, null, null, gitops(caseDir));
  }

  /** The entries of a properties file in the case folder, or none when it has no such file. */
  static Map<String, String> properties(Path file) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    if (Files.exists(file)) {
      Properties p = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k)));
    }
    return entries;
  }

  static GitOpsParameters gitops(Path caseDir) throws IOException {
    Path file = caseDir.resolve("gitops.properties");
    if (!Files.exists(file)) {
      return GitOpsParameters.NONE;
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    GitOpsParameters defaults = GitOpsParameters.NONE;
    Map<String, String> destinations = new TreeMap<>();
    p.stringPropertyNames().stream().filter(k -> k.startsWith("destinations."))
        .forEach(k -> destinations.put(k.substring("destinations.".length()), p.getProperty(k)));
    return new GitOpsParameters(
        p.getProperty("argocd", defaults.argocd()),
        Boolean.parseBoolean(p.getProperty("flux", "false")),
        p.getProperty("name", defaults.name()),
        p.getProperty("repoUrl"),
        p.getProperty("repoPath", ""),
        p.getProperty("revision", defaults.revision()),
        p.getProperty("argocdNamespace", defaults.argocdNamespace()),
        p.getProperty("argocdProject", defaults.argocdProject()),
        destinations,
        p.getProperty("fluxNamespace", defaults.fluxNamespace()),
        p.getProperty("fluxSource", defaults.fluxSource()));
  }
}
