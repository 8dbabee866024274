package dev.stateforge.pipeline;

import dev.stateforge.generate.AppObjects;
import dev.stateforge.generate.GitOpsTargets;
import dev.stateforge.generate.OutputFile;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.ProjectLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The project generated once: every file of the tree, and each app's objects with what each of its
 * environments builds to.
 */
public record Generated(List<OutputFile> files, List<AppObjects> apps) {

  public Generated {
    files = List.copyOf(files);
    apps = List.copyOf(apps);
  }

  public static Generated of(List<CheckedApp> checked, GitOpsTargets targets) {
    List<AppObjects> apps = checked.stream().map(a -> AppObjects.of(a.app())).toList();
    return new Generated(ProjectLayout.layoutGenerated(apps, targets), apps);
  }

  /** The Kubernetes objects of the tree (not its kustomizations), at their paths. */
  List<OutputObject> objects() {
    return files.stream()
        .filter(f -> f.content() instanceof HasMetadata)
        .map(f -> new OutputObject(f.path(), (HasMetadata) f.content()))
        .toList();
  }
}
