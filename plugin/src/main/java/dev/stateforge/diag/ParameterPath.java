package dev.stateforge.diag;

import java.util.Objects;

/** A plugin parameter, as the POM names it ({@code gitops.argocd.repoURL}). */
public record ParameterPath(String name) implements DiagnosticPath {
  public ParameterPath {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return name;
  }
}
