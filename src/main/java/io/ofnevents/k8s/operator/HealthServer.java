package io.ofnevents.k8s.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * `/health/live` and `/health/ready` of the operator, for the Deployment's probes, and the other
 * handlers it is given (the console). A few threads, so that a slow console request does not hold a
 * probe; they stop with the server.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  public HealthServer(int port, BooleanSupplier live, BooleanSupplier ready) throws IOException {
    this(port, live, ready, Map.of());
  }

  /** `handlers`: path → handler, served next to the probes (e.g. {@link Operator#console}). */
  public HealthServer(
      int port, BooleanSupplier live, BooleanSupplier ready, Map<String, HttpHandler> handlers)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/health/live", ex -> respond(ex, live.getAsBoolean()));
    server.createContext("/health/ready", ex -> respond(ex, ready.getAsBoolean()));
    handlers.forEach(server::createContext);
    threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "ofn-operator-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, boolean up) throws IOException {
    byte[] body =
        ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(up ? 200 : 503, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
