package dev.stateforge.podrunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pod network on this machine: a bridge with a /24 of 10.0.0.0/8 (its .1 is the host, the test's
 * side), and per pod a network namespace joined to it by a veth pair, the pod's end named
 * {@code eth0}. Names carry the JVM's pid (base 36) and a counter, so parallel runs do not clash
 * and {@link #sweepStale()} can remove what a killed JVM left behind. {@link #close()} removes
 * every namespace and link it made, also after a failure.
 */
public final class PodNetwork implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String PID = Long.toString(ProcessHandle.current().pid(), 36);
  private static final Pattern OURS = Pattern.compile("sf[bvn]([0-9a-z]+)-[0-9a-z]+(-[0-9]+)?");

  private final String id;
  private final String subnet;
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> links = new ArrayList<>();

  public PodNetwork() {
    sweepStale();
    int n = COUNTER.incrementAndGet();
    this.id = PID + "-" + Integer.toString(n, 36);
    this.subnet = freeSubnet(n);
    String bridge = "sfb" + id;
    try {
      Shell.check("ip", "link", "add", bridge, "type", "bridge");
      links.add(bridge);
      Shell.check("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
      Shell.check("ip", "link", "set", bridge, "up");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public String hostIp() {
    return subnet + ".1";
  }

  /** A new namespace for the pod with index {@code index} (0..200): its name and address. */
  public PodAddress add(int index) {
    String ns = "sfn" + id + "-" + index;
    String veth = "sfv" + id + "-" + index;
    String ip = subnet + "." + (10 + index);
    Shell.check("ip", "netns", "add", ns);
    namespaces.add(ns);
    Shell.check("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
    links.add(veth);
    Shell.check("ip", "link", "set", veth, "master", "sfb" + id, "up");
    Shell.check("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
    Shell.check("ip", "-n", ns, "link", "set", "eth0", "up");
    Shell.check("ip", "-n", ns, "link", "set", "lo", "up");
    Shell.check("ip", "-n", ns, "route", "add", "default", "via", hostIp());
    return new PodAddress(ns, ip);
  }

  public record PodAddress(String namespace, String ip) {}

  @Override
  public void close() {
    for (String ns : namespaces) {
      Shell.run(List.of("ip", "netns", "del", ns), 30);
    }
    for (int i = links.size() - 1; i >= 0; i--) {
      Shell.run(List.of("ip", "link", "del", links.get(i)), 30);
    }
    namespaces.clear();
    links.clear();
  }

  /** A 10.x.y.0/24 no route of this machine covers yet. */
  private static String freeSubnet(int n) {
    String routes = Shell.check("ip", "-4", "route", "show");
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; attempt < 256; attempt++) {
      String candidate = "10." + (200 + (int) ((pid + attempt) % 50)) + "." + ((n * 37 + attempt) % 250 + 1);
      if (!routes.contains(candidate + ".")) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free 10.x.y.0/24 subnet");
  }

  /** Removes namespaces and links of earlier runs whose JVM is gone. */
  public static void sweepStale() {
    List<String> names = new ArrayList<>();
    for (String line : Shell.check("ip", "netns", "list").split("\n")) {
      if (!line.isBlank()) {
        names.add(line.split(" ")[0]);
      }
    }
    for (String line : Shell.check("ip", "-o", "link", "show").split("\n")) {
      String[] fields = line.split(": ");
      if (fields.length > 1) {
        names.add(fields[1].split("@")[0]);
      }
    }
    for (String name : names) {
      Matcher ours = OURS.matcher(name);
      if (ours.matches() && ProcessHandle.of(Long.parseLong(ours.group(1), 36)).isEmpty()) {
        Shell.run(name.startsWith("sfn") ? List.of("ip", "netns", "del", name) : List.of("ip", "link", "del", name), 30);
      }
    }
  }
}
