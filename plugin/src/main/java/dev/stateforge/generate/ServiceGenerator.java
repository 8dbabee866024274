package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.MemberFormat;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ServiceSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Services of a stateful app, by role: the headless governing Service that gives each pod a
 * stable DNS name ({@code <name>-0.<name>-headless}) and carries every port of the pod for the
 * members; a ClusterIP Service for clients with the ports of role client only; and the Services of
 * the {@code services} block (one ordinal, every member, or one per pod).
 */
public final class ServiceGenerator {
  /** The label the StatefulSet controller puts on each pod with its ordinal (GA in Kubernetes 1.32). */
  static final String POD_INDEX = "apps.kubernetes.io/pod-index";
  /** The label the StatefulSet controller puts on each pod with its name. */
  static final String POD_NAME = "statefulset.kubernetes.io/pod-name";

  private ServiceGenerator() {}

  /**
   * The governing Service. It publishes pods that are not ready yet, so that peers can find each
   * other while a cluster forms (replication, quorum), which readiness may depend on.
   */
  public static OutputObject headless(AppSpec app) {
    ServiceSpecBuilder spec = new ServiceSpecBuilder().withSelector(Labels.selector(app)).withPorts(ports(app.podPorts()))
        .withClusterIP("None").withPublishNotReadyAddresses(true);
    return OutputObject.of("headless", service(app, app.headlessServiceName(), app.metadata().headlessService(), spec));
  }

  /** The client Service, balanced over ready pods; none when no port has the role client. */
  public static Optional<OutputObject> client(AppSpec app) {
    if (app.clientPorts().isEmpty()) {
      return Optional.empty();
    }
    ServiceSpecBuilder spec = new ServiceSpecBuilder().withSelector(Labels.selector(app)).withPorts(ports(app.clientPorts()))
        .withType("ClusterIP");
    return Optional.of(OutputObject.of(service(app, app.name(), app.metadata().service(), spec)));
  }

  /** The Services of the {@code services} block, in key order; a per-pod one for each ordinal of this environment. */
  public static List<OutputObject> byRole(AppSpec app) {
    List<OutputObject> out = new ArrayList<>();
    for (ServiceSpec spec : app.services()) {
      if (spec.perPod()) {
        long start = app.cluster().ordinalsStart(); // long: start + replicas may pass int32
        for (long ordinal = start; ordinal < start + app.replicas(); ordinal++) {
          Map<String, String> selector = new TreeMap<>(Labels.selector(app));
          selector.put(POD_NAME, app.podName(ordinal));
          out.add(OutputObject.of(spec.key() + "-" + ordinal, service(app, spec, spec.name(app.name(), ordinal), selector,
              podAnnotations(app, spec, ordinal))));
        }
      } else {
        Map<String, String> selector = new TreeMap<>(Labels.selector(app));
        if (spec.ordinal() != null) {
          selector.put(POD_INDEX, String.valueOf(spec.ordinal()));
        }
        out.add(OutputObject.of(spec.key(), service(app, spec, spec.name(app.name()), selector, spec.annotations())));
      }
    }
    return out;
  }

  /**
   * A per-pod Service's annotations with the pod's {@code {ordinal}}, {@code {pod}} and {@code {host}}
   * written in, as in a peer list's member: each Service can name its own DNS record (external-dns)
   * or address, which the pod advertises from its own name (a Kafka broker's EXTERNAL listener).
   */
  private static Map<String, String> podAnnotations(AppSpec app, ServiceSpec spec, long ordinal) {
    String pod = app.podName(ordinal);
    Map<String, String> values = Map.of(MemberFormat.ORDINAL, Long.toString(ordinal), MemberFormat.POD, pod,
        MemberFormat.HOST, PeerList.host(app, pod));
    Map<String, String> annotations = new TreeMap<>();
    spec.annotations().forEach((key, value) -> annotations.put(key, new MemberFormat(value).render(values)));
    return annotations;
  }

  private static Service service(AppSpec app, ServiceSpec spec, String name, Map<String, String> selector,
      Map<String, String> annotations) {
    List<PortSpec> ports = spec.ports().isEmpty() ? app.clientPorts()
        : app.podPorts().stream().filter(p -> spec.ports().contains(p.name())).toList();
    ServiceSpecBuilder builder = new ServiceSpecBuilder().withSelector(selector).withPorts(ports(ports)).withType(spec.type());
    return service(app, name, new MetadataSpec.Extra(new TreeMap<>(), new TreeMap<>(annotations)), builder);
  }

  private static Service service(AppSpec app, String name, MetadataSpec.Extra extra, ServiceSpecBuilder spec) {
    return new ServiceBuilder().withMetadata(PodParts.serviceMetadata(app, name, extra)).withSpec(spec.build()).build();
  }

  private static List<ServicePort> ports(List<PortSpec> ports) {
    return ports.stream().sorted(java.util.Comparator.comparing(PortSpec::name)).map(ServiceGenerator::port).toList();
  }

  private static ServicePort port(PortSpec port) {
    return new ServicePortBuilder()
        .withName(port.name())
        .withPort(port.port())
        .withTargetPort(new IntOrString(port.name()))
        .withProtocol(port.protocol())
        .build();
  }
}
