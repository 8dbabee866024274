package dev.stateforge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal NATS client over the text protocol (Debian has no nats CLI): CONNECT, then requests as
 * PUB with a reply subject on a subscribed inbox, answered by MSG (or HMSG, a status such as 503
 * "no responders"). Enough to call JetStream's API ($JS.API.*) and to publish with an ack.
 */
final class NatsWire implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int requests;

  NatsWire(String ip, int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(ip, port), 3000);
    socket.setSoTimeout(5000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    String info = line();
    if (!info.startsWith("INFO ")) {
      throw new IOException("not a NATS server at " + ip + ":" + port + ": " + info);
    }
    send("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,\"protocol\":1}\r\nSUB _INBOX.stateforge.* 1\r\nPING\r\n");
    for (String line = line(); !line.equals("PONG"); line = line()) {
      if (line.startsWith("-ERR")) {
        throw new IOException(line);
      }
    }
  }

  /**
   * Publishes {@code payload} on {@code subject} with a reply inbox and returns the answer's payload
   * as JSON; a status answer without a body (HMSG "503 No Responders") is given as {@code {"status": ...}}.
   */
  JsonNode request(String subject, String payload) throws IOException {
    String inbox = "_INBOX.stateforge." + (++requests);
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    send("PUB " + subject + " " + inbox + " " + body.length + "\r\n" + payload + "\r\n");
    while (true) {
      String line;
      try {
        line = line();
      } catch (SocketTimeoutException e) {
        throw new IOException("no answer to " + subject + " within 5 s", e);
      }
      String[] words = line.split(" ");
      switch (words[0]) {
        case "PING" -> send("PONG\r\n");
        case "MSG" -> {
          byte[] data = read(Integer.parseInt(words[words.length - 1]));
          if (words[1].equals(inbox)) {
            return JSON.readTree(data);
          }
        }
        case "HMSG" -> {
          int headers = Integer.parseInt(words[words.length - 2]);
          byte[] all = read(Integer.parseInt(words[words.length - 1]));
          if (words[1].equals(inbox)) {
            String head = new String(all, 0, headers, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return all.length > headers ? JSON.readTree(new String(all, headers, all.length - headers, StandardCharsets.UTF_8))
                : JSON.createObjectNode().put("status", head);
          }
        }
        case "-ERR" -> throw new IOException(line);
        default -> { }
      }
    }
  }

  private void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private byte[] read(int length) throws IOException {
    byte[] data = in.readNBytes(length);
    line();
    return data;
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
