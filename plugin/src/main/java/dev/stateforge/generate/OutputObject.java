package dev.stateforge.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object and the file it is (or will be) written to: relative to its folder as a
 * generator makes it ({@code statefulset.yaml}), relative to the output or validated directory once
 * placed ({@link #in}). The file name is a pure function of the object's kind ({@link ObjectKind})
 * and a qualifier, so the layout never depends on the order of the spec. A generated object and an
 * object to verify are the same thing, so they are one type; {@link OutputFile} is not: it is any
 * file to write, a kustomization or a patch as well as an object, with the spec it comes from.
 */
public record OutputObject(String file, HasMetadata object) {

  /** The only object of its kind in its folder: {@code statefulset.yaml}. */
  static OutputObject of(HasMetadata object) {
    return new OutputObject(ObjectKind.of(object).fileName(), object);
  }

  /** One of several objects of its kind in its folder: {@code pvc-backup.yaml}. */
  static OutputObject of(String qualifier, HasMetadata object) {
    return new OutputObject(ObjectKind.of(object).fileName(qualifier), object);
  }

  /** This object in folder {@code dir}. */
  public OutputObject in(String dir) {
    return new OutputObject(TreePaths.file(dir, file), object);
  }

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
