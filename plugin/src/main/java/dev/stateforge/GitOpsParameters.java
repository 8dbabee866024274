package dev.stateforge;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.diag.DisplayPath;
import dev.stateforge.diag.Location;
import dev.stateforge.diag.ParameterPath;
import dev.stateforge.generate.GitOpsTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The build's settings for the Argo CD and Flux objects, as given (Maven parameters), before they
 * are checked. {@link #resolve} checks them all and reports each problem as {@code gitops-parameter}.
 *
 * @param argocd {@code none}, {@code application} or {@code applicationset}
 * @param repoPath the output directory's path inside the repository; null to work it out from the
 *     nearest {@code .git} above the output directory
 * @param destinations the Argo CD destination server of each environment
 */
public record GitOpsParameters(
    String argocd,
    boolean flux,
    String name,
    String repoUrl,
    String repoPath,
    String revision,
    String argocdNamespace,
    String argocdProject,
    Map<String, String> destinations,
    String fluxNamespace,
    String fluxSource) {

  public static final GitOpsParameters NONE =
      new GitOpsParameters("none", false, "stateforge", null, null, "HEAD", "argocd", "default", Map.of(), "flux-system", "flux-system");

  static final List<String> ARGOCD_CHOICES = List.of("none", "application", "applicationset");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public GitOpsParameters {
    destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
  }

  public boolean wanted() {
    return flux || !"none".equals(argocd);
  }

  /** The targets to write, or empty after reporting every problem with the parameters. */
  Optional<GitOpsTargets> resolve(Path outputDirectory, Set<String> environments, Diagnostics out) {
    if (!wanted()) {
      return Optional.of(GitOpsTargets.NONE);
    }
    Diagnostics diagnostics = new Diagnostics();
    if (!ARGOCD_CHOICES.contains(argocd)) {
      problem(diagnostics, "argocd", "argocd is \"" + argocd + "\"", "use one of " + String.join(", ", ARGOCD_CHOICES));
    }
    boolean argo = ARGOCD_CHOICES.contains(argocd) && !"none".equals(argocd);
    if (argo && blank(repoUrl)) {
      problem(diagnostics, "repoUrl", "argocd = " + argocd + " needs the repository's URL",
          "set <repoUrl> (or -Dstateforge.repoUrl) to the URL Argo CD clones, as in its repository settings");
    }
    // gitopsName leaves room for "-<env>" in the objects' names; the others are names of their own.
    label(diagnostics, "gitopsName", name, 52, " (gitopsName defaults to the project's artifactId)");
    label(diagnostics, "argocdNamespace", argocdNamespace, 63, "");
    label(diagnostics, "fluxNamespace", fluxNamespace, 63, "");
    label(diagnostics, "fluxSource", fluxSource, 63, "");
    for (String environment : new TreeMap<>(destinations).keySet()) {
      if (!environments.contains(environment)) {
        problem(diagnostics, "destinations", "a destination for environment " + environment + ", which no spec defines",
            environments.isEmpty() ? "the specs define no environments" : "environments: " + String.join(", ", new java.util.TreeSet<>(environments)));
      }
    }
    String path = repoPath == null ? repositoryPath(outputDirectory).orElse(null) : normalize(repoPath);
    if (path == null) {
      problem(diagnostics, "repoPath", "the output directory " + outputDirectory + " is not inside a Git repository",
          "set <repoPath> (or -Dstateforge.repoPath) to where the output directory is in the repository Argo CD or Flux watches");
    } else if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
      problem(diagnostics, "repoPath", "repoPath \"" + repoPath + "\" leaves the repository",
          "give the path from the repository's root, such as deploy");
    }
    out.addAll(diagnostics.sorted());
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(new GitOpsTargets(name, path,
        argo ? new GitOpsTargets.ArgoCd("applicationset".equals(argocd), repoUrl, revision, argocdNamespace, argocdProject,
            new TreeMap<>(destinations)) : null,
        flux ? new GitOpsTargets.Flux(fluxNamespace, fluxSource) : null));
  }

  /** The output directory relative to the nearest folder above it that holds {@code .git} (a folder, or a worktree's file). */
  static Optional<String> repositoryPath(Path outputDirectory) {
    Path output = outputDirectory.toAbsolutePath().normalize();
    for (Path dir = output; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.of(DisplayPath.relative(dir, output));
      }
    }
    return Optional.empty();
  }

  private static String normalize(String path) {
    String p = path.strip().replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  private static void label(Diagnostics diagnostics, String parameter, String value, int max, String note) {
    if (value == null || value.length() > max || !DNS_LABEL.matcher(value).matches()) {
      problem(diagnostics, parameter, parameter + " \"" + value + "\" is not a DNS label of at most " + max + " characters",
          "use lower-case letters, digits and '-', starting and ending with a letter or digit" + note);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void problem(Diagnostics diagnostics, String parameter, String message, String hint) {
    diagnostics.add(Diagnostic.error(Codes.GITOPS_PARAMETER, Location.NONE, new ParameterPath(parameter), message).withHint(hint));
  }
}
