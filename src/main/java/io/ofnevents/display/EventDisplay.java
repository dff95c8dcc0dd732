package io.ofnevents.display;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ofnevents.runtime.HeaderValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * An HTTP sink that prints every CloudEvent it receives (binary mode: attributes from `ce-`
 * headers, then the data), in the spirit of Knative's event_display. Answers 202.
 */
public final class EventDisplay implements AutoCloseable {
  private static final java.util.Set<String> ATTRIBUTES =
      java.util.Set.of("id", "source", "specversion", "type", "subject", "time", "dataschema");

  private final HttpServer server;
  private final PrintStream out;

  public EventDisplay(int port, PrintStream out) throws IOException {
    this.out = out;
    this.server = HttpServer.create(new InetSocketAddress(port), 64);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ofn-display");
              t.setDaemon(true);
              return t;
            }));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      print(ex);
      ex.sendResponseHeaders(202, -1);
    } catch (RuntimeException | IOException e) {
      ex.sendResponseHeaders(500, -1);
    } finally {
      ex.close();
    }
  }

  private void print(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> attributes = new TreeMap<>();
    Map<String, String> extensions = new TreeMap<>();
    ex.getRequestHeaders()
        .forEach(
            (name, values) -> {
              String n = name.toLowerCase(Locale.ROOT);
              if (!n.startsWith("ce-")) return;
              String key = n.substring(3);
              (ATTRIBUTES.contains(key) ? attributes : extensions)
                  .put(key, HeaderValues.decode(String.join(",", values)));
            });
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    synchronized (out) {
      out.println("☁️  cloudevents.Event " + ex.getRequestMethod() + " " + ex.getRequestURI());
      out.println("Context Attributes,");
      attributes.forEach((k, v) -> out.println("  " + k + ": " + v));
      if (contentType != null) out.println("  datacontenttype: " + contentType);
      if (!extensions.isEmpty()) {
        out.println("Extensions,");
        extensions.forEach((k, v) -> out.println("  " + k + ": " + v));
      }
      out.println("Data,");
      out.println("  " + render(body));
      out.flush();
    }
  }

  private static String render(byte[] body) {
    if (body.length == 0) return "(empty)";
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return "(" + body.length + " bytes, base64) " + Base64.getEncoder().encodeToString(body);
    }
  }
}
