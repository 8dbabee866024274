package dev.stateforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer list and identity of the cluster-etcd case, run: Debian's etcd is started once per
 * member with the container's args as Kubernetes would expand them from the generated env, and the
 * members must form one cluster. Each member gets a loopback address (127.0.0.1, .2, .3) and the
 * pods' DNS names resolve to them through a hosts file bind-mounted in a private mount namespace
 * ({@code unshare}); {@code 0.0.0.0} in a listen URL, which in a pod is the pod's own address, becomes
 * the member's address, and the data directory a temporary folder. Nothing else of the args is
 * changed. Skipped when etcd or unshare is missing (apt-get install etcd-server).
 */
class EtcdPeersRunTest {
  static final ObjectMapper YAML = new YAMLMapper();

  @TempDir Path work;

  @Test
  void threeMembersOfTheBaseFormOneCluster() throws Exception {
    runs(statefulSet("base"), 3);
  }

  /** The dev overlay's list, as kustomize builds it: one member that is its own quorum. */
  @Test
  void theOneMemberOfDevIsACluster() throws Exception {
    runs(statefulSet("overlays/dev"), 1);
  }

  JsonNode statefulSet(String dir) throws Exception {
    boolean tools = onPath("etcd") && onPath("unshare") && onPath("kubectl");
    if (System.getenv("STATEFORGE_REQUIRE_ENGINES") != null) {
      assertThat(tools).as("etcd, unshare and kubectl on PATH (STATEFORGE_REQUIRE_ENGINES is set, as .ci/run sets it)").isTrue();
    }
    assumeTrue(tools, "etcd, unshare and kubectl are needed");
    Path out = work.resolve("out");
    CompileReport report = new Compiler().build(CaseRequest.of(GoldenCasesTest.CASES.resolve("cluster-etcd"), out));
    assertThat(report.hasErrors()).isFalse();
    KustomizeBuildTest.Result built = KustomizeBuildTest.kustomize(out.resolve("etcd").resolve(dir));
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(built.stdout()), JsonNode.class).readAll()) {
      if (doc.path("kind").asText().equals("StatefulSet")) {
        return doc;
      }
    }
    throw new AssertionError("no StatefulSet in " + dir);
  }

  void runs(JsonNode set, int replicas) throws Exception {
    assertThat(set.at("/spec/replicas").asInt()).isEqualTo(replicas);
    JsonNode container = set.at("/spec/template/spec/containers/0");
    StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
    List<Process> members = new ArrayList<>();
    try {
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        hosts.append(address(ordinal)).append(" etcd-").append(ordinal).append(".etcd-headless\n");
      }
      Path hostsFile = Files.writeString(work.resolve("hosts"), hosts.toString());
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        members.add(start(container, ordinal, hostsFile));
      }
      for (int ordinal = 0; ordinal < replicas; ordinal++) {
        JsonNode list = memberList(address(ordinal));
        TreeSet<String> names = new TreeSet<>();
        list.path("members").forEach(m -> names.add(m.path("name").asText()));
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < replicas; i++) {
          expected.add("etcd-" + i);
        }
        assertThat(names).as("members that etcd-%s sees", ordinal).isEqualTo(expected);
      }
    } finally {
      for (Process member : members) {
        member.descendants().forEach(ProcessHandle::destroy);
        member.destroy();
        member.waitFor();
      }
    }
  }

  static String address(int ordinal) {
    return "127.0.0." + (ordinal + 1);
  }

  /** One member: the pod's env expanded in order, as the kubelet does, then the args with all of it. */
  Process start(JsonNode container, int ordinal, Path hosts) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode entry : container.path("env")) {
      String name = entry.path("name").asText();
      if (entry.has("valueFrom")) {
        String field = entry.at("/valueFrom/fieldRef/fieldPath").asText();
        assertThat(field).as("the downward-API fields of this case").isIn("metadata.name", "metadata.namespace");
        env.put(name, field.equals("metadata.name") ? "etcd-" + ordinal : "default");
      } else {
        env.put(name, expand(entry.path("value").asText(), env));
      }
    }
    List<String> command = new ArrayList<>(List.of("etcd"));
    for (JsonNode arg : container.path("args")) {
      String expanded = expand(arg.asText(), env).replace("0.0.0.0", address(ordinal));
      command.add(expanded.startsWith("--data-dir=") ? "--data-dir=" + work.resolve("data-" + ordinal) : expanded);
    }
    assertThat(command).contains("--name=etcd-" + ordinal);
    String script = "mount --bind \"$0\" /etc/hosts && exec \"$@\"";
    List<String> argv = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, hosts.toString()));
    argv.addAll(command);
    return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(work.resolve("etcd-" + ordinal + ".log").toFile()).start();
  }

  /** Kubernetes' $(NAME) expansion of one value: a defined name is replaced, $$ is a $, anything else stays. */
  static String expand(String text, Map<String, String> defined) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i++;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(' && text.indexOf(')', i) > 0
          && defined.containsKey(text.substring(i + 2, text.indexOf(')', i)))) {
        out.append(defined.get(text.substring(i + 2, text.indexOf(')', i))));
        i = text.indexOf(')', i);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The member list as one member sees it, once the cluster has a leader (up to 60 s). */
  JsonNode memberList(String address) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String last = "nothing";
    for (int attempt = 0; attempt < 120; attempt++) {
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":2379/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        last = health.body();
        if (health.statusCode() == 200 && new ObjectMapper().readTree(health.body()).path("health").asText().equals("true")) {
          HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":2379/v3/cluster/member/list"))
              .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          return new ObjectMapper().readTree(list.body());
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("etcd at " + address + " never became healthy; last answer: " + last + "\n" + logs());
  }

  String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(work)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        out.append("--- ").append(log.getFileName()).append('\n').append(Files.readString(log, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
