package dev.stateforge.podrunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One probe of a container (httpGet, tcpSocket or exec), run once as the kubelet runs it. */
public record Probe(JsonNode probe, JsonNode container, String podIp) {

  public boolean passes(ContainerProcess process) {
    int timeout = probe.path("timeoutSeconds").asInt(1);
    if (probe.has("exec")) {
      List<String> command = new ArrayList<>();
      probe.at("/exec/command").forEach(c -> command.add(c.asText()));
      return process.exec(command, timeout).exitCode() == 0;
    }
    if (probe.has("tcpSocket")) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(probe.path("tcpSocket")), port(probe.at("/tcpSocket/port"))), timeout * 1000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    if (probe.has("httpGet")) {
      JsonNode get = probe.path("httpGet");
      if (get.path("scheme").asText("HTTP").equals("HTTPS")) {
        throw new UnsupportedOperationException("HTTPS probes are not run by the pod runner");
      }
      URI uri = URI.create("http://" + host(get) + ":" + port(get.path("port")) + path(get.path("path").asText("/"), process));
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeout));
        get.path("httpHeaders").forEach(h -> request.header(h.path("name").asText(), h.path("value").asText()));
        int status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout)).build()
            .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 400;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    throw new UnsupportedOperationException("probe not run by the pod runner: " + probe);
  }

  private static String path(String path, ContainerProcess process) {
    return process.image().httpPaths().getOrDefault(path, path);
  }

  private String host(JsonNode handler) {
    return handler.path("host").asText(podIp);
  }

  /** A port number, or the name of one of the container's ports. */
  int port(JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode declared : container.path("ports")) {
      if (declared.path("name").asText().equals(port.asText())) {
        return declared.path("containerPort").asInt();
      }
    }
    if (port.asText().matches("\\d+")) {
      return Integer.parseInt(port.asText());
    }
    throw new IllegalArgumentException("probe port " + port + " is not a port of container " + container.path("name").asText());
  }
}
