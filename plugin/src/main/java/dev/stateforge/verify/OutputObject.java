package dev.stateforge.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object to verify, and the file it is (or will be) written to, relative to the
 * output or validated directory.
 */
public record OutputObject(String file, HasMetadata object) {

  public String kind() {
    return object.getKind();
  }

  public String name() {
    return object.getMetadata() == null ? "" : object.getMetadata().getName();
  }

  /** {@code StatefulSet/orders-db}, as kubectl names objects. */
  public String displayName() {
    return kind() + "/" + name();
  }
}
