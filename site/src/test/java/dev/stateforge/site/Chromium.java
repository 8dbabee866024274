package dev.stateforge.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, with nothing but the JDK's WebSocket
 * client and Jackson: a fresh profile, one page, commands and events. Debian's {@code chromium}
 * package is enough; no driver, no download.
 */
final class Chromium implements AutoCloseable {
  /** Flags that work in a container as root, with no network but the loopback. */
  static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
  private String session;

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The browser to run: -Dstateforge.chromium, $CHROMIUM, or the first of the usual names on the PATH. */
  static Path executable() {
    String configured = System.getProperty("stateforge.chromium", System.getenv("CHROMIUM"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no Chromium on the PATH: install Debian's chromium (apt-get install -y chromium), "
        + "or point -Dstateforge.chromium at a Chromium or Chrome binary");
  }

  /** Starts the browser with a fresh profile and attaches to one new page. */
  static Chromium launch(int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("stateforge-chromium");
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("--remote-debugging-address=127.0.0.1");
    command.add("--remote-debugging-port=0");
    command.add("--window-size=" + width + "," + height);
    command.add("about:blank");
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    // Chromium writes the port it chose, and the browser's WebSocket path, into the profile.
    Path activePort = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Chromium exited with " + process.exitValue() + ":\n" + tail(log));
      }
      if (Files.isRegularFile(activePort)) {
        lines = Files.readAllLines(activePort, StandardCharsets.UTF_8);
        if (lines.size() >= 2) {
          break;
        }
      }
      Thread.sleep(50);
    }
    if (lines.size() < 2) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not open its DevTools port within 30 s:\n" + tail(log));
    }
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    Listener listener = new Listener();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, listener)
        .join();
    Chromium chromium = new Chromium(process, profile, socket);
    listener.owner = chromium;

    String target = chromium.browserCall("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
        .path("targetId").asText();
    chromium.session = chromium.browserCall("Target.attachToTarget",
        JSON.createObjectNode().put("targetId", target).put("flatten", true)).path("sessionId").asText();
    chromium.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode()
        .put("width", width).put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
    return chromium;
  }

  /** A command to the attached page; its result. */
  JsonNode call(String method, ObjectNode params) {
    return send(method, params, session);
  }

  JsonNode call(String method) {
    return call(method, JSON.createObjectNode());
  }

  private JsonNode browserCall(String method, ObjectNode params) {
    return send(method, params, null);
  }

  private JsonNode send(String method, ObjectNode params, String sessionId) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (socket) {
      socket.sendText(message.toString(), true).join();
    }
    try {
      JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new IllegalStateException(method + " failed: " + answer.path("error"));
      }
      return answer.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " was interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
    } finally {
      pending.remove(id);
    }
  }

  /** Every event of the page ({@code method}, {@code params}), on the socket's thread. */
  void onEvent(Consumer<JsonNode> listener) {
    listeners.add(listener);
  }

  /** Evaluates a JavaScript expression in the page and returns its value (JSON-serializable). */
  JsonNode evaluate(String expression) {
    JsonNode result = call("Runtime.evaluate",
        JSON.createObjectNode().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.get(message.path("id").asInt());
      if (reply != null) {
        reply.complete(message);
      }
    } else if (message.has("method") && (session == null || session.equals(message.path("sessionId").asText()))) {
      listeners.forEach(l -> l.accept(message));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The browser goes anyway.
    }
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    // Chromium's helper processes may still be writing or removing profile files for a moment after
    // the browser exits: removing the temporary profile is best effort, never a test failure.
    for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        Thread.sleep(200);
      }
    }
    Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Reassembles messages that arrive in parts (a screenshot is megabytes of base64). */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile Chromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        // launch() sends its first command only once owner is set, and nothing comes unasked before.
        if (owner != null) {
          owner.dispatch(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
