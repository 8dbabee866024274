package dev.stateforge.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The objects verified together, with the look-ups rules need across objects. */
public record ObjectSet(List<OutputObject> objects) {

  public ObjectSet {
    objects = List.copyOf(objects);
  }

  public <T extends HasMetadata> List<T> ofType(Class<T> type) {
    return objects.stream().map(OutputObject::object).filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return ofType(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  /** Whether {@code selector} selects pods with {@code labels}, in the same namespace as {@code owner}. */
  public static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null || labels == null) {
      return false;
    }
    Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    boolean expressions = selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty();
    return !wanted.isEmpty() && !expressions
        && wanted.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }

  public static boolean sameNamespace(HasMetadata a, HasMetadata b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
  }
}
