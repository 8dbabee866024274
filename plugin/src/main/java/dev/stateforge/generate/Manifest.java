package dev.stateforge.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One generated object and the file it goes to. The file name is a pure function of the object's
 * kind ({@link ObjectKind}) and a qualifier, so the layout never depends on the order of the spec.
 */
public record Manifest(String fileName, HasMetadata object) {

  /** The only object of its kind in its folder: {@code statefulset.yaml}. */
  static Manifest of(HasMetadata object) {
    return new Manifest(ObjectKind.of(object).fileName(), object);
  }

  /** One of several objects of its kind in its folder: {@code pvc-backup.yaml}. */
  static Manifest of(String qualifier, HasMetadata object) {
    return new Manifest(ObjectKind.of(object).fileName(qualifier), object);
  }
}
