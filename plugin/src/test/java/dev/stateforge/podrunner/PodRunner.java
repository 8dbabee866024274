package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Starts the pods of a built StatefulSet on this machine, as its controller and the kubelet would:
 * ordinals from {@code spec.ordinals.start}, one after the other once ready (OrderedReady) or all at
 * once (Parallel); per pod a network namespace and address ({@link PodNetwork}), a hosts file in which
 * the pods' DNS names and the client Services' names resolve (a Service name resolves to the first
 * pod it selects, by the pod's labels: no load balancing), its volumes ({@link PodVolumes}), its init containers in order, native
 * sidecars kept running, then its containers, each with its env ({@link PodEnv}) and its image's
 * stand-in. Closing it stops every container and removes the network, whatever happened before.
 */
public final class PodRunner implements AutoCloseable {
  private static final String DOMAIN = "svc.cluster.local";

  private final AppObjects app;
  private final Map<String, Map<String, String>> secrets;
  private final List<ImageStandIn> images;
  private final Path work;
  private final PodNetwork network;
  /** The runner whose network this one joined (its pods' names resolve here too), or null. */
  private final PodRunner neighbour;
  /** Where this runner's pods start on the network: after the neighbour's. */
  private final int firstIndex;
  private final Map<Integer, PodNetwork.PodAddress> addresses = new TreeMap<>();
  private final Map<Integer, RunningPod> pods = new TreeMap<>();
  private final List<ContainerProcess> all = new ArrayList<>();
  private final List<Visitor> visitors = new ArrayList<>();
  private boolean enforcing;

  public PodRunner(AppObjects app, Map<String, Map<String, String>> secrets, List<ImageStandIn> images, Path work) {
    this(app, secrets, images, work, null);
  }

  /**
   * A runner for a second app of the same project, on the network of {@code neighbour} (which must
   * outlive it): its pods resolve the neighbour's pod and Service names, as pods of one cluster do.
   * The neighbour's pods, started before, do not resolve this app's names.
   */
  public PodRunner(AppObjects app, Map<String, Map<String, String>> secrets, List<ImageStandIn> images, Path work, PodRunner neighbour) {
    this.app = app;
    this.secrets = secrets;
    this.images = images;
    this.work = work;
    this.neighbour = neighbour;
    this.network = neighbour == null ? new PodNetwork() : neighbour.network;
    this.firstIndex = neighbour == null ? 0 : neighbour.firstIndex + neighbour.app.replicas();
    try {
      for (int ordinal : ordinals()) {
        addresses.put(ordinal, network.add(firstIndex + ordinal - app.firstOrdinal()));
      }
    } catch (RuntimeException e) {
      if (neighbour == null) {
        network.close();
      }
      throw e;
    }
  }

  public List<Integer> ordinals() {
    List<Integer> ordinals = new ArrayList<>();
    for (int i = 0; i < app.replicas(); i++) {
      ordinals.add(app.firstOrdinal() + i);
    }
    return ordinals;
  }

  public String podName(int ordinal) {
    return app.name() + "-" + ordinal;
  }

  public String ip(int ordinal) {
    return addresses.get(ordinal).ip();
  }

  /** The pod's labels: the template's, and those the StatefulSet controller adds. */
  public Map<String, String> labels(int ordinal) {
    Map<String, String> labels = new LinkedHashMap<>();
    app.statefulSet().at("/spec/template/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put("statefulset.kubernetes.io/pod-name", podName(ordinal));
    labels.put("apps.kubernetes.io/pod-index", String.valueOf(ordinal));
    return labels;
  }

  /**
   * From now on, every pod accepts only the traffic the app's NetworkPolicies allow, as a
   * policy-enforcing network plugin would ({@link NetworkPolicies}): an nftables input chain in each
   * pod's network namespace, renewed whenever a visitor joins. The pods need not be running.
   */
  public void enforceNetworkPolicies() throws IOException {
    enforcing = true;
    applyPolicies();
  }

  /** Back to an open network: every pod accepts everything. */
  public void liftNetworkPolicies() {
    enforcing = false;
    for (PodNetwork.PodAddress address : addresses.values()) {
      Shell.run(List.of("ip", "netns", "exec", address.namespace(), "nft", "delete", "table", "inet", "sfpolicy"), 30);
    }
  }

  /** A pod of another app or namespace on the pods' network, with the labels a policy may select it by. */
  public Visitor visitor(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) throws IOException {
    PodNetwork.PodAddress address = network.add(100 + visitors.size());
    Visitor visitor = new Visitor(address.namespace(), new NetworkPolicies.Peer(address.ip(), namespace, namespaceLabels, labels));
    visitors.add(visitor);
    if (enforcing) {
      applyPolicies();
    }
    return visitor;
  }

  private void applyPolicies() throws IOException {
    List<NetworkPolicies.Peer> peers = new ArrayList<>();
    for (int ordinal : ordinals()) {
      peers.add(new NetworkPolicies.Peer(ip(ordinal), app.namespace(), Map.of(), labels(ordinal)));
    }
    visitors.forEach(v -> peers.add(v.peer()));
    for (int ordinal : ordinals()) {
      PodNetwork.PodAddress address = addresses.get(ordinal);
      String rules = NetworkPolicies.ruleset(app.networkPolicies(), peers.get(ordinal - app.firstOrdinal()), app.podSpec(), peers, network.hostIp());
      Shell.run(List.of("ip", "netns", "exec", address.namespace(), "nft", "delete", "table", "inet", "sfpolicy"), 30);
      if (rules != null) {
        Files.createDirectories(work);
        Path file = Files.writeString(work.resolve("nft-" + podName(ordinal) + ".conf"), rules);
        Shell.check("ip", "netns", "exec", address.namespace(), "nft", "-f", file.toString());
      }
    }
  }

  /** Every pod, as the StatefulSet controller starts them; each must be ready within {@code timeout}. */
  public void startAll(Duration timeout) throws IOException, InterruptedException {
    for (int ordinal : ordinals()) {
      start(ordinal);
      if (app.orderedReady()) {
        awaitReady(ordinal, timeout);
      }
    }
    for (int ordinal : ordinals()) {
      awaitReady(ordinal, timeout);
    }
  }

  public void start(int ordinal) throws IOException, InterruptedException {
    if (pods.containsKey(ordinal)) {
      throw new IllegalStateException(podName(ordinal) + " is running");
    }
    String name = podName(ordinal);
    Map<String, String> labels = labels(ordinal);
    Map<String, String> annotations = new LinkedHashMap<>();
    app.statefulSet().at("/spec/template/metadata/annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    PodIdentity identity = new PodIdentity(name, app.namespace(), ordinal, ip(ordinal), network.hostIp(), labels, annotations);

    Path podDir = work.resolve("pods").resolve(name);
    deleteTree(podDir);
    Files.createDirectories(podDir);
    PodEnv env = new PodEnv(app, secrets, identity);
    JsonNode spec = app.podSpec();
    Map<String, Path> volumes = new PodVolumes(work.resolve("claims"), podDir, env).make(spec, app.statefulSet().at("/spec/volumeClaimTemplates"), name);
    Path hosts = Files.writeString(podDir.resolve("hosts"), hosts(ordinal));
    ContainerProcess.Setup setup = new ContainerProcess.Setup(name, addresses.get(ordinal).namespace(), podDir, spec, volumes, hosts);

    RunningPod pod = new RunningPod(identity);
    pods.put(ordinal, pod);
    for (JsonNode init : spec.path("initContainers")) {
      ContainerProcess process = launch(setup, init, env);
      if (init.path("restartPolicy").asText().equals("Always")) {
        pod.containers().put(process.name(), process);
        pod.specs().put(process.name(), init);
        awaitStarted(name, process, init, identity.ip());
        continue;
      }
      int exit = process.await(120);
      if (exit != 0) {
        throw new IllegalStateException("init container " + process.name() + " of " + name + " exited with " + exit + "\n" + Files.readString(process.log()));
      }
    }
    for (JsonNode container : spec.path("containers")) {
      ContainerProcess process = launch(setup, container, env);
      pod.containers().put(process.name(), process);
      pod.specs().put(process.name(), container);
    }
  }

  /** The kubelet starts the next container once a native sidecar has started: its startupProbe passes (up to 60 s), if it has one. */
  private void awaitStarted(String pod, ContainerProcess sidecar, JsonNode spec, String ip) throws IOException, InterruptedException {
    if (!spec.has("startupProbe")) {
      return;
    }
    Probe probe = new Probe(spec.path("startupProbe"), spec, ip);
    Thread.sleep(spec.at("/startupProbe/initialDelaySeconds").asInt(0) * 1000L);
    for (int attempt = 0; attempt < 60; attempt++) {
      if (!sidecar.alive()) {
        break;
      }
      if (probe.passes(sidecar)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("sidecar " + sidecar.name() + " of " + pod + " did not start\n" + logs());
  }

  private ContainerProcess launch(ContainerProcess.Setup setup, JsonNode container, PodEnv env) throws IOException {
    String image = container.path("image").asText();
    ImageStandIn standIn = images.stream().filter(i -> i.standsInFor(image)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no image stand-in for " + image + " (container " + container.path("name").asText() + ")"));
    ContainerProcess process = ContainerProcess.start(setup, container, env.resolve(container), standIn);
    all.add(process);
    return process;
  }

  /** Waits for the pod to be ready: its readiness probes are run no sooner than their initial delay, then every second. */
  public void awaitReady(int ordinal, Duration timeout) throws IOException, InterruptedException {
    RunningPod pod = pods.get(ordinal);
    if (pod == null) {
      throw new IllegalStateException(podName(ordinal) + " is not running");
    }
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Thread.sleep(Math.min(timeout.toMillis(), pod.readinessDelay() * 1000L));
    while (System.nanoTime() < deadline) {
      for (ContainerProcess container : pod.containers().values()) {
        if (!container.alive()) {
          throw new AssertionError("container " + container.name() + " of " + podName(ordinal) + " exited\n" + logs());
        }
      }
      if (pod.ready()) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(podName(ordinal) + " not ready after " + timeout.toSeconds() + " s\n" + logs());
  }

  /** Runs one of the container's probes once ({@code readinessProbe}, {@code livenessProbe}, {@code startupProbe}). */
  public boolean probe(int ordinal, String container, String kind) {
    RunningPod pod = pods.get(ordinal);
    JsonNode spec = pod.specs().get(container);
    if (!spec.has(kind)) {
      throw new IllegalArgumentException(container + " has no " + kind);
    }
    return new Probe(spec.path(kind), spec, pod.identity().ip()).passes(pod.containers().get(container));
  }

  /** Runs a command in a running container of a pod. */
  public Shell.Result exec(int ordinal, String container, List<String> command, int timeoutSeconds) {
    return pods.get(ordinal).containers().get(container).exec(command, timeoutSeconds);
  }

  /** Deletes the pod (SIGTERM, SIGKILL after the grace period, at most 10 s here); its claims stay. */
  public void stop(int ordinal) throws InterruptedException {
    RunningPod pod = pods.remove(ordinal);
    if (pod == null) {
      return;
    }
    int grace = Math.min(10, app.podSpec().path("terminationGracePeriodSeconds").asInt(30));
    for (ContainerProcess container : pod.containers().values()) {
      container.stop(grace);
    }
  }

  public boolean running(int ordinal) {
    return pods.containsKey(ordinal);
  }

  /** The hosts file of a pod: localhost, every pod's DNS names, and the client Services' names (and the neighbour's). */
  String hosts(int ordinal) {
    StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    hosts.append(entries(ordinal));
    if (neighbour != null) {
      hosts.append(neighbour.entries(Integer.MIN_VALUE));
    }
    return hosts.toString();
  }

  /** This app's lines of a hosts file; the pod {@code self} also gets its short name. */
  private String entries(int ordinal) {
    String service = app.serviceName();
    String ns = app.namespace();
    StringBuilder hosts = new StringBuilder();
    for (int other : ordinals()) {
      String pod = podName(other);
      hosts.append(ip(other)).append('\t').append(String.join(" ", pod + "." + service + "." + ns + "." + DOMAIN,
          pod + "." + service + "." + ns + ".svc", pod + "." + service + "." + ns, pod + "." + service));
      hosts.append(other == ordinal ? " " + pod : "").append('\n');
    }
    Map<String, Integer> names = new LinkedHashMap<>(app.clientServices());
    names.put(service, app.firstOrdinal());
    for (var name : names.entrySet()) {
      String n = name.getKey();
      hosts.append(ip(name.getValue())).append('\t')
          .append(String.join(" ", n + "." + ns + "." + DOMAIN, n + "." + ns + ".svc", n + "." + ns, n)).append('\n');
    }
    return hosts.toString();
  }

  /** Every container's output so far, for a failure message. */
  public String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    Path dir = work.resolve("pods");
    if (!Files.isDirectory(dir)) {
      return "";
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        out.append("--- ").append(work.relativize(log)).append('\n').append(text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text);
      }
    }
    return out.toString();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      for (ContainerProcess container : all) {
        container.stop(0);
      }
      pods.clear();
    } finally {
      if (neighbour == null) {
        network.close();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
