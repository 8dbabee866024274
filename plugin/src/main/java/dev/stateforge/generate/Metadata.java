package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** The metadata every namespaced object of an app carries: its name, the app's namespace and labels. */
final class Metadata {
  private Metadata() {}

  static ObjectMeta forApp(AppSpec app, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(app.namespace())
        .withLabels(Labels.common(app))
        .build();
  }
}
