package io.ofnevents.display;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * An HTTP sink that prints every CloudEvent it receives (binary, structured or batch mode, read by
 * {@link Binding#HTTP}), in the spirit of Knative's event_display. Answers 202, or 400 to a request
 * that is not a CloudEvent.
 */
public final class EventDisplay implements AutoCloseable {
  private static final java.util.Set<String> ATTRIBUTES =
      java.util.Set.of(
          "id", "source", "specversion", "type", "subject", "time", "dataschema", "schemaurl");

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
    } catch (InvalidCloudEventException e) {
      synchronized (out) {
        out.println(
            "invalid CloudEvent "
                + ex.getRequestMethod()
                + " "
                + ex.getRequestURI()
                + ": "
                + e.getMessage());
        out.flush();
      }
      ex.sendResponseHeaders(400, -1);
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
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
    List<CloudEvent> events = Binding.HTTP.readAll(headers, body);
    synchronized (out) {
      for (CloudEvent event : events)
        print(ex.getRequestMethod() + " " + ex.getRequestURI(), event);
      out.flush();
    }
  }

  private void print(String request, CloudEvent event) {
    Map<String, String> attributes = new TreeMap<>();
    Map<String, String> extensions = new TreeMap<>();
    event
        .attributes()
        .forEach(
            (k, v) -> {
              if (!k.equals("datacontenttype")) {
                (ATTRIBUTES.contains(k) ? attributes : extensions).put(k, v);
              }
            });
    out.println("☁️  cloudevents.Event " + request);
    out.println("Context Attributes,");
    attributes.forEach((k, v) -> out.println("  " + k + ": " + v));
    if (event.dataContentType() != null) {
      out.println("  datacontenttype: " + event.dataContentType());
    }
    if (!extensions.isEmpty()) {
      out.println("Extensions,");
      extensions.forEach((k, v) -> out.println("  " + k + ": " + v));
    }
    out.println("Data,");
    out.println("  " + render(event.data()));
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
