package dev.stateforge.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Opens every HTML page of a built site in headless Chromium, served from a local folder by an HTTP
 * server on 127.0.0.1, and reports what a reader would trip over: a console error or uncaught
 * exception, a file the page asked for and did not get (image, style sheet, script), an image that
 * did not render, and an internal link to a page or an anchor that does not exist. Links to other
 * hosts are not followed: the site must work offline.
 */
final class SiteCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 900;
  /** Screenshots stop there: the spec reference is many screens long. */
  private static final int MAX_SCREENSHOT_HEIGHT = 6000;

  /** What the page links to, which anchors it has, and which images did not render. */
  private static final String INSPECT = """
      (() => ({
        links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
        anchors: Array.from(document.querySelectorAll('[id]')).map(e => e.id)
          .concat(Array.from(document.querySelectorAll('a[name]')).map(a => a.name)),
        brokenImages: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
          .map(i => i.getAttribute('src')),
        title: document.title
      }))()
      """;

  record Result(List<String> pages, List<String> problems, int internalLinks, int externalLinks, List<Path> screenshots) {}

  private final Path root;
  private final List<String> requests404 = new CopyOnWriteArrayList<>();

  private SiteCheck(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * @param screenshotPages pages (relative to the site, {@code index.html}) to save as PNG in
   *     {@code screenshots}, named after the page
   */
  static Result run(Path site, Path screenshots, Set<String> screenshotPages) throws Exception {
    return new SiteCheck(site).run(screenshots, screenshotPages);
  }

  private Result run(Path screenshots, Set<String> screenshotPages) throws Exception {
    List<String> pages;
    try (Stream<Path> files = Files.walk(root)) {
      pages = files.filter(p -> p.toString().endsWith(".html"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> anchors = new TreeMap<>();
    Map<String, List<String>> links = new LinkedHashMap<>();
    List<Path> shots = new ArrayList<>();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();
    try (Chromium browser = Chromium.launch(WIDTH, HEIGHT)) {
      List<String> pageProblems = new CopyOnWriteArrayList<>();
      Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
      CompletableFuture<?>[] loaded = new CompletableFuture<?>[1];
      // A browser asks for /favicon.ico on its own when a page names no icon; the site is not at fault.
      String favicon = origin + "/favicon.ico";
      browser.onEvent(event -> {
        JsonNode p = event.path("params");
        if (favicon.equals(p.path("entry").path("url").asText()) || favicon.equals(p.path("response").path("url").asText())
            || favicon.equals(p.path("request").path("url").asText())) {
          return;
        }
        switch (event.path("method").asText()) {
          case "Page.loadEventFired" -> {
            if (loaded[0] != null) {
              loaded[0].complete(null);
            }
          }
          case "Runtime.exceptionThrown" -> pageProblems.add("uncaught exception: " + exception(p.path("exceptionDetails")));
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
              List<String> args = new ArrayList<>();
              p.path("args").forEach(a -> args.add(a.has("value") ? a.path("value").asText() : a.path("description").asText()));
              pageProblems.add("console." + type + ": " + String.join(" ", args));
            }
          }
          case "Log.entryAdded" -> {
            JsonNode entry = p.path("entry");
            if (entry.path("level").asText().equals("error")) {
              pageProblems.add("console error (" + entry.path("source").asText() + "): " + entry.path("text").asText()
                  + (entry.has("url") ? " " + entry.path("url").asText() : ""));
            }
          }
          case "Network.requestWillBeSent" -> inFlight.put(p.path("requestId").asText(), true);
          case "Network.loadingFinished" -> inFlight.remove(p.path("requestId").asText());
          case "Network.loadingFailed" -> {
            inFlight.remove(p.path("requestId").asText());
            if (!p.path("canceled").asBoolean(false)) {
              pageProblems.add("request failed: " + p.path("errorText").asText() + " (" + p.path("type").asText() + ")");
            }
          }
          case "Network.responseReceived" -> {
            int status = p.path("response").path("status").asInt();
            if (status >= 400) {
              pageProblems.add("HTTP " + status + ": " + p.path("response").path("url").asText());
            }
          }
          default -> { }
        }
      });
      for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
        browser.call(domain + ".enable");
      }

      for (String page : pages) {
        pageProblems.clear();
        inFlight.clear();
        CompletableFuture<Object> load = new CompletableFuture<>();
        loaded[0] = load;
        JsonNode navigation = browser.call("Page.navigate", JSON.createObjectNode().put("url", origin + "/" + page));
        if (navigation.has("errorText")) {
          problems.add(page + ": could not open: " + navigation.path("errorText").asText());
          continue;
        }
        try {
          load.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          problems.add(page + ": did not finish loading within 20 s");
        }
        settle(inFlight);
        JsonNode seen = browser.evaluate(INSPECT);
        Set<String> pageAnchors = new TreeSet<>();
        seen.path("anchors").forEach(a -> pageAnchors.add(a.asText()));
        anchors.put(page, pageAnchors);
        List<String> pageLinks = new ArrayList<>();
        seen.path("links").forEach(l -> pageLinks.add(l.asText()));
        links.put(page, pageLinks);
        seen.path("brokenImages").forEach(i -> pageProblems.add("image did not render: " + i.asText()));
        if (seen.path("title").asText().isBlank()) {
          pageProblems.add("no title");
        }
        if (screenshotPages.contains(page)) {
          shots.add(screenshot(browser, screenshots, page));
        }
        new TreeSet<>(pageProblems).forEach(problem -> problems.add(page + ": " + problem));
      }
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }

    int internal = 0;
    int external = 0;
    for (Map.Entry<String, List<String>> page : links.entrySet()) {
      for (String href : new TreeSet<>(page.getValue())) {
        URI uri;
        try {
          uri = new URI(href.replace(" ", "%20"));
        } catch (URISyntaxException e) {
          problems.add(page.getKey() + ": malformed link " + href + " (" + e.getReason() + ")");
          continue;
        }
        if (!"http".equals(uri.getScheme()) || !href.startsWith(origin + "/")) {
          if (uri.getScheme() != null && uri.getScheme().startsWith("http")) {
            external++;
          }
          continue;
        }
        internal++;
        String target = URLDecoder.decode(uri.getRawPath().substring(1), StandardCharsets.UTF_8);
        if (target.isEmpty() || target.endsWith("/")) {
          target += "index.html";
        }
        Path file = root.resolve(target).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
          problems.add(page.getKey() + ": broken link to " + link(href, origin) + " (no " + target + ")");
          continue;
        }
        String fragment = uri.getRawFragment() == null ? "" : URLDecoder.decode(uri.getRawFragment(), StandardCharsets.UTF_8);
        if (!fragment.isEmpty() && target.endsWith(".html") && !anchors.getOrDefault(target, Set.of()).contains(fragment)) {
          problems.add(page.getKey() + ": broken link to " + link(href, origin) + " (" + target + " has no anchor \"" + fragment + "\")");
        }
      }
    }
    // Requests no page reported itself (a browser fetch outside any page, such as a favicon).
    for (String path : requests404) {
      if (!path.equals("/favicon.ico") && problems.stream().noneMatch(p -> p.contains(path))) {
        problems.add("a page asked for " + path + ", which does not exist");
      }
    }
    return new Result(pages, problems, internal, external, shots);
  }

  /** Waits until no request of the page has been in flight for 200 ms, at most 5 s. */
  private static void settle(Map<String, Boolean> inFlight) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int quiet = 0;
    while (quiet < 4 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      quiet = inFlight.isEmpty() ? quiet + 1 : 0;
    }
  }

  private static Path screenshot(Chromium browser, Path dir, String page) throws IOException {
    JsonNode metrics = browser.call("Page.getLayoutMetrics");
    double height = metrics.path("cssContentSize").path("height").asDouble(HEIGHT);
    ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", WIDTH)
        .put("height", Math.min(Math.max(height, HEIGHT), MAX_SCREENSHOT_HEIGHT)).put("scale", 1);
    ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    byte[] png = Base64.getDecoder().decode(browser.call("Page.captureScreenshot", params).path("data").asText());
    Files.createDirectories(dir);
    Path file = dir.resolve(page.replace('/', '-').replaceAll("\\.html$", "") + ".png");
    Files.write(file, png);
    return file;
  }

  private static String exception(JsonNode details) {
    JsonNode exception = details.path("exception");
    String text = exception.has("description") ? exception.path("description").asText() : details.path("text").asText();
    return text.lines().findFirst().orElse(text) + " at " + details.path("url").asText() + ":" + (details.path("lineNumber").asInt() + 1);
  }

  private static String link(String href, String origin) {
    return href.substring(origin.length() + 1);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Path file = root.resolve(path.substring(1)).normalize();
      if (Files.isDirectory(file)) {
        file = file.resolve("index.html");
      }
      if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(root) || !Files.isRegularFile(file)) {
        requests404.add(path);
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String contentType(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    return switch (extension) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "png" -> "image/png";
      case "gif" -> "image/gif";
      case "jpg", "jpeg" -> "image/jpeg";
      case "svg" -> "image/svg+xml";
      case "ico" -> "image/x-icon";
      case "woff" -> "font/woff";
      case "woff2" -> "font/woff2";
      case "ttf" -> "font/ttf";
      case "eot" -> "application/vnd.ms-fontobject";
      case "json" -> "application/json";
      case "xml" -> "application/xml";
      default -> "text/plain; charset=utf-8";
    };
  }
}
