package dev.stateforge.generate;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.MetadataSpec;
import dev.stateforge.spec.PortSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import java.util.List;
import java.util.Optional;

/**
 * The two Services of a stateful app: the headless governing Service that gives each pod a stable
 * DNS name ({@code <name>-0.<name>-headless}), and a ClusterIP Service for clients.
 */
public final class ServiceGenerator {
  private ServiceGenerator() {}

  /**
   * The governing Service. It publishes pods that are not ready yet, so that peers can find each
   * other while a cluster forms (replication, quorum), which readiness may depend on.
   */
  public static OutputObject headless(AppSpec app) {
    ServiceSpecBuilder spec = selectingApp(app).withClusterIP("None").withPublishNotReadyAddresses(true);
    return OutputObject.of("headless", service(app, app.headlessServiceName(), app.metadata().headlessService(), spec));
  }

  /** The client Service, balanced over ready pods; none when the app declares no port. */
  public static Optional<OutputObject> client(AppSpec app) {
    if (app.ports().isEmpty()) {
      return Optional.empty();
    }
    ServiceSpecBuilder spec = selectingApp(app).withType("ClusterIP");
    return Optional.of(OutputObject.of(service(app, app.name(), app.metadata().service(), spec)));
  }

  private static ServiceSpecBuilder selectingApp(AppSpec app) {
    return new ServiceSpecBuilder().withSelector(Labels.selector(app)).withPorts(ports(app));
  }

  private static Service service(AppSpec app, String name, MetadataSpec.Extra extra, ServiceSpecBuilder spec) {
    return new ServiceBuilder().withMetadata(PodParts.serviceMetadata(app, name, extra)).withSpec(spec.build()).build();
  }

  private static List<ServicePort> ports(AppSpec app) {
    return app.ports().stream().map(ServiceGenerator::port).toList();
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
