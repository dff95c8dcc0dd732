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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An HTTP sink that prints every CloudEvent it receives (binary, structured or batch mode, read by
 * {@link Binding#HTTP}), as Knative's event_display does ({@link DisplayFormat#KNATIVE}, the
 * default) or in our format. Answers 200 with an empty body, as event_display, or 400 to a request
 * that is not a CloudEvent; `GET /healthz` answers 204.
 */
public final class EventDisplay implements AutoCloseable {
  private final HttpServer server;
  private final PrintStream out;
  private final DisplayFormat format;

  public EventDisplay(int port, PrintStream out) throws IOException {
    this(port, out, DisplayFormat.KNATIVE);
  }

  public EventDisplay(int port, PrintStream out, DisplayFormat format) throws IOException {
    this.out = out;
    this.format = format;
    this.server = HttpServer.create(new InetSocketAddress(port), 64);
    server.createContext("/", this::handle);
    server.createContext(
        "/healthz",
        ex -> {
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
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
      ex.sendResponseHeaders(200, -1);
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
    boolean base64 = Base64Data.of(headers, body);
    synchronized (out) {
      for (CloudEvent event : events) {
        format.print(out, ex.getRequestMethod() + " " + ex.getRequestURI(), event, base64);
      }
      out.flush();
    }
  }
}
