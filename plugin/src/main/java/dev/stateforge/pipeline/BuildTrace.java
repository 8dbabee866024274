package dev.stateforge.pipeline;

import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.generate.TreePaths;
import dev.stateforge.state.BuildState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one build learnt on its way that its state keeps for the next: the previous output's bytes
 * the guard read, and, per spec, the app's name, its project summary and its share of the report,
 * so that a later build can compile one changed app alone ({@link PartialBuild}).
 */
public final class BuildTrace {
  /** The share of the report that belongs to no spec (the GitOps parameters' findings). */
  public static final String PROJECT = "";
  /** Diagnostics no spec owns alone: a build that has any keeps no per-app state. */
  public static final String UNOWNED = "\0unowned";

  /** Stateforge's files of the previous output, when the guard read them. */
  public Map<String, byte[]> previousRead;
  /** Spec file (real path) to app name, for every spec that bound. */
  public final SortedMap<String, String> apps = new TreeMap<>();
  /** App name to {@code ProjectSummary} digest. */
  public final Map<String, String> summaries = new HashMap<>();
  /** Spec file (or {@link #PROJECT}, {@link #UNOWNED}) to its diagnostics, unmasked. */
  final Map<String, List<Diagnostic>> buckets = new HashMap<>();
  /** {@code ProjectSummary.selectorKeys} of the project. */
  public List<String> selectorKeys = List.of();
  /** Apps whose objects another app's lookups reach. */
  public Set<String> entangled = new TreeSet<>();
  /** A finding on a cluster object or owned by no single app. */
  public boolean shared;
  /** The build went through verification without an error. */
  public boolean complete;
  /** Whether the build keeps a state: else the summaries are not worth computing. */
  private final boolean keepsState;
  private final Map<String, String> specByApp = new HashMap<>();

  public BuildTrace(boolean keepsState) {
    this.keepsState = keepsState;
  }

  /**
   * After a build that passed verification: each app's project summary, the entangled apps and the
   * project's selector keys (when the build keeps a state).
   *
   * @param objects the verifier's base set
   * @param shared {@code Verification.Result.shared}
   */
  public void summarize(List<CheckedApp> checked, List<OutputObject> objects, boolean shared) {
    this.shared = shared;
    this.complete = true;
    if (!keepsState) {
      return;
    }
    entangled = ProjectSummary.entangled(objects);
    selectorKeys = ProjectSummary.selectorKeys(objects);
    Map<String, List<OutputObject>> byApp = new HashMap<>();
    objects.forEach(o -> byApp.computeIfAbsent(TreePaths.top(o.file()), a -> new ArrayList<>()).add(o));
    for (CheckedApp app : checked) {
      summaries.put(app.name(), ProjectSummary.digest(app.app(), byApp.getOrDefault(app.name(), List.of()), selectorKeys));
    }
  }

  public void add(String bucket, List<Diagnostic> diagnostics) {
    buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).addAll(diagnostics);
  }

  /** The bucket (spec file) of an app's diagnostics, {@link #UNOWNED} for an app not known. */
  public String specOf(String app) {
    if (specByApp.size() != apps.size()) {
      specByApp.clear();
      apps.forEach((spec, name) -> specByApp.putIfAbsent(name, spec));
    }
    return specByApp.getOrDefault(app, UNOWNED);
  }

  /**
   * The per-app part of the state: for each app that may be compiled alone, its name, summary and
   * the indexes of its diagnostics in {@code report} (as reported: masked, sorted, each line once);
   * empty when the report holds a line that no spec owns.
   */
  public SortedMap<String, BuildState.App> perApp(List<Diagnostic> report, Map<String, String> variables) {
    SortedMap<String, BuildState.App> out = new TreeMap<>();
    if (!complete || shared || !keepsState) {
      return out;
    }
    Optional<Map<String, List<Integer>>> indexes = indexes(report, buckets, variables);
    if (indexes.isEmpty() || indexes.get().containsKey(UNOWNED)) {
      return out;
    }
    // An entangled app is kept with no summary, which no partial build matches: its lines still count as its own.
    apps.forEach((spec, name) -> out.put(spec, new BuildState.App(name,
        entangled.contains(name) ? "" : summaries.getOrDefault(name, ""), indexes.get().getOrDefault(spec, List.of()))));
    return out;
  }

  /**
   * Each bucket's lines of the report by index; a line that several buckets report (printed once) is
   * in each of them. Empty when a line of the report comes from no bucket.
   */
  public static Optional<Map<String, List<Integer>>> indexes(List<Diagnostic> report, Map<String, List<Diagnostic>> buckets,
      Map<String, String> variables) {
    Map<String, Set<String>> bucketsOf = new HashMap<>();
    for (Map.Entry<String, List<Diagnostic>> bucket : buckets.entrySet()) {
      for (Diagnostic d : ValueMask.hidingVariables(bucket.getValue(), variables)) {
        bucketsOf.computeIfAbsent(d.format(), f -> new TreeSet<>()).add(bucket.getKey());
      }
    }
    Map<String, List<Integer>> out = new HashMap<>();
    for (int i = 0; i < report.size(); i++) {
      Set<String> owners = bucketsOf.get(report.get(i).format());
      if (owners == null) {
        return Optional.empty();
      }
      for (String bucket : owners) {
        out.computeIfAbsent(bucket, b -> new ArrayList<>()).add(i);
      }
    }
    return Optional.of(out);
  }
}
