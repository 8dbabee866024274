package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.podrunner.AppObjects;
import dev.stateforge.podrunner.Engines;
import dev.stateforge.podrunner.ImageStandIn;
import dev.stateforge.podrunner.PodRunner;
import dev.stateforge.podrunner.StandIns;
import dev.stateforge.podrunner.Visitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated NetworkPolicies, enforced: the pod runner turns them into nftables rules in each pod's
 * network namespace (podrunner.NetworkPolicies, the ingress semantics of a policy-enforcing network
 * plugin), and visitors — pods of other apps and namespaces with the labels a policy selects by —
 * try to connect. The members must still form their cluster through the peer ports; clients reach the
 * client ports and nothing else; the scraper reaches the metrics port; a restricted app lets in only
 * its client namespace and its own backup Jobs. Each test also lifts the policy and sees the blocked
 * connection go through, so a closed port is the policy's doing, not a dead server. Needs nftables
 * (.ci/run installs it) and the engines.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NetworkPolicyRunTest {
  @TempDir Path work;

  /** cluster-etcd: peers 2380 among members only, client 2379 from anywhere, metrics 8080 from Prometheus only. */
  @Test
  void etcdMembersClusterBehindTheirPolicyAndOutsidersReachOnlyTheClientPort() throws Exception {
    Engines.require(List.of("nft"), StandIns.etcd());
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("cluster-etcd", work.resolve("out"), "etcd", "base");
    assertThat(app.networkPolicies()).hasSize(1);
    try (PodRunner pods = new PodRunner(app, Map.of(), List.of(StandIns.etcd()), work.resolve("run"))) {
      pods.enforceNetworkPolicies();
      Visitor client = pods.visitor("shop", Map.of(), Map.of("app.kubernetes.io/name", "checkout"));
      Visitor scraper = pods.visitor("monitoring", Map.of(), Map.of("app.kubernetes.io/name", "prometheus"));
      pods.startAll(Duration.ofSeconds(120));

      // The members found each other over 2380 with the policy in force.
      EtcdPeersRunTest.seeAll(pods);
      EtcdPeersRunTest.put(pods.ip(0), "fenced", "yes");
      assertThat(EtcdPeersRunTest.get(pods.ip(2), "fenced")).isEqualTo("yes");

      String member = pods.ip(1);
      assertThat(client.reaches(member, 2379)).as("a client reaches the client port").isTrue();
      assertThat(client.reaches(member, 2380)).as("a client reaches the peer port").isFalse();
      assertThat(client.reaches(member, 8080)).as("a client reaches the metrics port").isFalse();
      assertThat(scraper.reaches(member, 8080)).as("Prometheus reaches the metrics port").isTrue();
      assertThat(scraper.reaches(member, 2380)).as("Prometheus reaches the peer port").isFalse();

      pods.liftNetworkPolicies();
      assertThat(client.reaches(member, 2380)).as("without the policy, the peer port is open to the client").isTrue();
    }
    System.out.printf("NetworkPolicyRunTest etcd: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  /** services-by-role's PostgreSQL: clients from the namespace shop only, and the app's own backup Jobs. */
  @Test
  void restrictedClientsAndTheBackupJobReachPostgres() throws Exception {
    ImageStandIn postgres = StandIns.postgres();
    Engines.require(List.of("nft"), postgres);
    long started = System.nanoTime();
    AppObjects app = RunnerCases.build("services-by-role", work.resolve("out"), "orders-db", "overlays/dev");
    assertThat(app.replicas()).isEqualTo(1);
    Map<String, Map<String, String>> secrets = Map.of("orders-db-auth", Map.of("password", "drill-only-password"));
    try (PodRunner pods = new PodRunner(app, secrets, List.of(postgres), work.resolve("run"))) {
      pods.enforceNetworkPolicies();
      Visitor shop = pods.visitor("shop", Map.of(), Map.of("app.kubernetes.io/name", "checkout"));
      Visitor web = pods.visitor("web", Map.of(), Map.of("app.kubernetes.io/name", "checkout"));
      Visitor backup = pods.visitor("data", Map.of(), Map.of("app.kubernetes.io/instance", "orders-db",
          "app.kubernetes.io/name", "orders-db-backup", "app.kubernetes.io/component", "backup"));
      Visitor otherBackup = pods.visitor("data", Map.of(), Map.of("app.kubernetes.io/instance", "billing-db",
          "app.kubernetes.io/name", "billing-db-backup", "app.kubernetes.io/component", "backup"));
      pods.startAll(Duration.ofSeconds(120));

      String server = pods.ip(0);
      assertThat(shop.reaches(server, 5432)).as("a client in shop").isTrue();
      assertThat(backup.reaches(server, 5432)).as("orders-db's backup Job").isTrue();
      assertThat(web.reaches(server, 5432)).as("a client in web").isFalse();
      assertThat(otherBackup.reaches(server, 5432)).as("another app's backup Job").isFalse();

      pods.liftNetworkPolicies();
      assertThat(web.reaches(server, 5432)).as("without the policy, web reaches the server").isTrue();
    }
    System.out.printf("NetworkPolicyRunTest postgres: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }
}
