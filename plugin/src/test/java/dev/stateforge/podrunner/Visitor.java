package dev.stateforge.podrunner;

import java.util.List;

/**
 * A pod that is not one of the app's: a client, a scraper or a backup Job, as far as a network policy
 * can tell them apart (its address, its namespace and their labels). It lives in a network namespace
 * of its own on the pods' network and runs nothing; the test asks it to open connections.
 */
public record Visitor(String netns, NetworkPolicies.Peer peer) {

  /** Whether a TCP connection from here to {@code ip:port} is accepted within 3 s (bash's /dev/tcp, no client needed). */
  public boolean reaches(String ip, int port) {
    Shell.Result result = Shell.run(List.of("ip", "netns", "exec", netns, "timeout", "3", "bash", "-c",
        "exec 3<>/dev/tcp/" + ip + "/" + port), 10);
    return result.exitCode() == 0;
  }
}
