package dev.stateforge.spec;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The user's own labels and annotations on the pod template, the client Service and the headless Service. */
public record MetadataSpec(Extra pod, Extra service, Extra headlessService) {
  public static final MetadataSpec NONE = new MetadataSpec(Extra.NONE, Extra.NONE, Extra.NONE);

  /** Labels and annotations, sorted by key; both empty when the spec sets none. */
  public record Extra(SortedMap<String, String> labels, SortedMap<String, String> annotations) {
    public static final Extra NONE = new Extra(new TreeMap<>(), new TreeMap<>());

    public Extra {
      labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }

    public boolean isEmpty() {
      return labels.isEmpty() && annotations.isEmpty();
    }
  }
}
