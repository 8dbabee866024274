package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.check.InputSchemaCheck;
import dev.stateforge.diag.Diagnostics;
import dev.stateforge.parse.LoadedSpec;
import dev.stateforge.parse.SpecBinder;
import dev.stateforge.parse.SpecLoader;
import dev.stateforge.spec.AppSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer lists and identity env computed from the app they are given: replicas, ordinals.start,
 * namespace, governing Service and cluster domain each show in the names, and the entries come in
 * the order Kubernetes needs to expand them.
 */
class PeerListTest {
  @TempDir Path project;

  static final String ETCD = """
      name = etcd
      namespace = platform
      image = "quay.io/coreos/etcd:v3.5.17"
      resources { cpu = 250m, memory = 512Mi }
      storage { data { mountPath = /var/lib/etcd, size = 1Gi } }
      cluster.peers.INITIAL_CLUSTER.member = "{pod}=http://{host}:2380"
      """;

  AppSpec bind(String text) throws IOException {
    Path spec = project.resolve("specs/app.conf");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, text);
    Diagnostics out = new Diagnostics();
    LoadedSpec loaded = new SpecLoader(project, Map.of(), getClass().getClassLoader()).load(spec, out).orElseThrow();
    assertThat(InputSchemaCheck.check(loaded.tree(), loaded.sourceMap(), out)).as("%s", out.sorted()).isTrue();
    return SpecBinder.bind(loaded);
  }

  String list(String spec) throws IOException {
    AppSpec app = bind(spec);
    return PeerList.value(app, app.cluster().peers().get(0));
  }

  @Test
  void threeMembersWithTheirFullyQualifiedNames() throws IOException {
    assertThat(list(ETCD + "replicas = 3")).isEqualTo("etcd-0=http://etcd-0.etcd-headless.platform.svc.cluster.local:2380,"
        + "etcd-1=http://etcd-1.etcd-headless.platform.svc.cluster.local:2380,"
        + "etcd-2=http://etcd-2.etcd-headless.platform.svc.cluster.local:2380");
  }

  @Test
  void oneReplicaIsAListOfOne() throws IOException {
    assertThat(list(ETCD + "replicas = 1")).isEqualTo("etcd-0=http://etcd-0.etcd-headless.platform.svc.cluster.local:2380");
  }

  @Test
  void zeroReplicasIsAnEmptyList() throws IOException {
    assertThat(list(ETCD + "replicas = 0")).isEmpty();
  }

  /** A limit keeps the first members (the seeds) and no more; fewer replicas than the limit list them all. */
  @Test
  void aLimitListsTheFirstMembersOnly() throws IOException {
    String seeds = ETCD.replace("cluster.peers.INITIAL_CLUSTER.member = \"{pod}=http://{host}:2380\"",
        "cluster.peers.SEEDS { member = \"{pod}\", limit = 2 }");
    assertThat(list(seeds + "replicas = 5")).isEqualTo("etcd-0,etcd-1");
    assertThat(list(seeds + "replicas = 2")).isEqualTo("etcd-0,etcd-1");
    assertThat(list(seeds + "replicas = 1")).isEqualTo("etcd-0");
    assertThat(list(seeds + "replicas = 0")).isEmpty();
    assertThat(list(ETCD + "replicas = 5").split(",")).hasSize(5);
  }

  /** ZooKeeper's ids run from 1: with ordinals from 1, {ordinal} is the id and the pods are zk-1 to zk-3. */
  @Test
  void theFirstOrdinalMovesOrdinalsAndPodNames() throws IOException {
    String zk = """
        name = zk
        namespace = coordination
        image = "zookeeper:3.9.3"
        replicas = 3
        resources { cpu = 500m, memory = 1Gi }
        storage { datadir { mountPath = /data, size = 10Gi } }
        cluster {
          serviceName = zk-hs
          ordinals.start = 1
          peers.ZOO_SERVERS { member = "server.{ordinal}={host}:2888:3888;2181", separator = " " }
        }
        """;
    assertThat(list(zk)).isEqualTo("server.1=zk-1.zk-hs.coordination.svc.cluster.local:2888:3888;2181 "
        + "server.2=zk-2.zk-hs.coordination.svc.cluster.local:2888:3888;2181 "
        + "server.3=zk-3.zk-hs.coordination.svc.cluster.local:2888:3888;2181");
    assertThat(PeerList.ordinals(bind(zk))).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anotherNamespaceAndClusterDomain() throws IOException {
    assertThat(list(ETCD.replace("namespace = platform", "namespace = kv") + "replicas = 2\ncluster.domain = corp.example"))
        .isEqualTo("etcd-0=http://etcd-0.etcd-headless.kv.svc.corp.example:2380,etcd-1=http://etcd-1.etcd-headless.kv.svc.corp.example:2380");
  }

  /** The namespace is chosen when the output is applied: the name stops where the pod's DNS search path takes over. */
  @Test
  void withoutANamespaceTheNameStopsAtTheService() throws IOException {
    assertThat(list(ETCD.replace("namespace = platform\n", "") + "replicas = 2\ncluster.domain = corp.example"))
        .isEqualTo("etcd-0=http://etcd-0.etcd-headless:2380,etcd-1=http://etcd-1.etcd-headless:2380");
  }

  @Test
  void aKeptServiceNameAndASeparator() throws IOException {
    assertThat(list(ETCD + "replicas = 2\ncluster { serviceName = etcd-peers, peers.INITIAL_CLUSTER.separator = \";\" }"))
        .isEqualTo("etcd-0=http://etcd-0.etcd-peers.platform.svc.cluster.local:2380;"
            + "etcd-1=http://etcd-1.etcd-peers.platform.svc.cluster.local:2380");
  }

  /** The largest first ordinal the schema allows, plus replicas, passes int32: ordinals are longs. */
  @Test
  void ordinalsDoNotOverflow() throws IOException {
    AppSpec app = bind(ETCD + "replicas = 2\ncluster.ordinals.start = 2147483647");
    assertThat(PeerList.ordinals(app)).containsExactly(2147483647L, 2147483648L);
    assertThat(PeerList.value(app, app.cluster().peers().get(0))).contains("etcd-2147483648=http://etcd-2147483648.");
  }

  /** Identity first (the host built from the pod name after it), then the peer lists by name, then the spec's env. */
  @Test
  void clusterEnvComesFirstInExpansionOrder() throws IOException {
    AppSpec app = bind(ETCD + """
        replicas = 1
        cluster.identity { host = POD_HOST, ordinal = ORDINAL, podName = POD_NAME }
        cluster.peers.A_LIST.member = "{ordinal}"
        env.ADVERTISE.value = "http://$(POD_HOST):2380"
        """);
    List<EnvVar> env = StatefulSetGenerator.generate(app).object() instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet set
        ? set.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv() : List.of();

    assertThat(env).extracting(EnvVar::getName).containsExactly("POD_NAME", "ORDINAL", "POD_HOST", "A_LIST", "INITIAL_CLUSTER", "ADVERTISE");
    assertThat(env.get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(env.get(1).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    assertThat(env.get(2).getValue()).isEqualTo("$(POD_NAME).etcd-headless.platform.svc.cluster.local");
    assertThat(env.get(3).getValue()).isEqualTo("0");
  }

  /** A list a file names is env only when a container refers to it; a list no file names is env as declared. */
  @Test
  void aListUsedOnlyInAFileIsNoEnvVariable() throws IOException {
    String file = "files.conf { mountPath = /conf/peers.cfg, content = \"{peers:INITIAL_CLUSTER}\" }\n";
    String sidecar = "sidecars = [{ name = agent, image = \"busybox:1.36.1\", resources { cpu = 10m, memory = 16Mi }, "
        + "args = [\"--peers=$(INITIAL_CLUSTER)\"] }]\n";
    assertThat(inEnv(ETCD)).as("declared for env, named by no file").isTrue();
    assertThat(inEnv(ETCD + file)).as("named by a file only").isFalse();
    assertThat(inEnv(ETCD + file + "args = [\"--initial-cluster=$(INITIAL_CLUSTER)\"]")).as("and by the main args").isTrue();
    assertThat(inEnv(ETCD + file + "env.X.value = \"$(INITIAL_CLUSTER)\"")).as("and by an env value").isTrue();
    assertThat(inEnv(ETCD + file + sidecar)).as("and by a sidecar's args").isTrue();
    assertThat(inEnv(ETCD + file + "args = [\"$$(INITIAL_CLUSTER)\"]")).as("an escaped $$( is no reference").isFalse();
  }

  boolean inEnv(String spec) throws IOException {
    AppSpec app = bind(spec);
    return PeerList.inEnv(app, app.cluster().peers().get(0));
  }
}
