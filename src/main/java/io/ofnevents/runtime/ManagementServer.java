package io.ofnevents.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ofnevents.runtime.bus.Redact;
import io.ofnevents.runtime.parking.ParkedApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * `/health/live`, `/health/ready` and `/metrics` (Prometheus) on one port. A plain JDK server: it
 * starts in milliseconds and needs nothing from Camel's HTTP stack.
 */
public final class ManagementServer {
  /** Bind any free port (tests). */
  public static final int EPHEMERAL = -1;

  private final Supplier<CamelContext> contexts;
  private final HttpServer server;
  // The JDK server never stops an executor it was given: stop() does, or each runtime (the
  // in-process operator makes one per change) would leave its thread behind.
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> daemon(r, "ofn-management"));

  /**
   * Binds the port at once, so that a port in use fails the start before any route runs; the
   * context is looked up per request, as it exists only once camel-main has created it. `token`
   * allows the API's writes.
   */
  ManagementServer(Supplier<CamelContext> contexts, int port, ApiToken token) throws IOException {
    this.contexts = contexts;
    try {
      this.server = HttpServer.create(new InetSocketAddress(port == EPHEMERAL ? 0 : port), 16);
    } catch (IOException e) {
      throw new IOException("cannot serve the management port " + port + ": " + e.getMessage(), e);
    }
    route("/health/live", ex -> respond(ex, liveness()));
    route("/health/ready", ex -> respond(ex, readiness()));
    route("/metrics", this::metrics);
    route(ParkedApi.PATH, new ParkedApi(contexts, token));
    server.setExecutor(executor);
  }

  /** Serves `path` (and below) with `handler` too; before {@link #start()}. */
  void route(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  void start() {
    server.start();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private Status liveness() {
    CamelContext context = contexts.get();
    // Before camel-main created the context the process is booting: alive, not ready.
    if (context == null) return new Status(true, List.of("camel: booting"));
    ServiceStatus s = context.getStatus();
    boolean up = s.isStarted() || s.isStarting();
    return new Status(up, List.of("camel: " + s));
  }

  private Status readiness() {
    CamelContext context = contexts.get();
    if (context == null) return new Status(false, List.of("camel: booting"));
    List<String> down = new ArrayList<>();
    if (!context.getStatus().isStarted()) down.add("camel: " + context.getStatus());
    for (Route route : context.getRoutes()) {
      ServiceStatus rs = context.getRouteController().getRouteStatus(route.getRouteId());
      if (rs != ServiceStatus.Started) down.add("route " + route.getRouteId() + ": " + rs);
    }
    Collection<HealthCheck.Result> checks = HealthCheckHelper.invokeReadiness(context);
    for (HealthCheck.Result r : checks) {
      if (r.getState() == HealthCheck.State.DOWN) down.add(describe(r));
    }
    return new Status(down.isEmpty(), down.isEmpty() ? List.of("ready") : down);
  }

  /**
   * `id: message`, plus the brokers and the error when the check gives them (camel-kafka's consumer
   * check names its brokers only in its details).
   */
  private static String describe(HealthCheck.Result r) {
    StringBuilder line = new StringBuilder(r.getCheck().getId()).append(": ");
    line.append(r.getMessage().orElse("DOWN"));
    Object brokers = r.getDetails().get("bootstrap.servers");
    if (brokers != null)
      line.append(" (brokers ").append(Redact.urls(brokers.toString())).append(')');
    r.getError()
        .map(Throwable::getMessage)
        .filter(m -> !line.toString().contains(m))
        .ifPresent(m -> line.append(": ").append(Redact.urls(m)));
    return line.toString();
  }

  private void metrics(HttpExchange ex) throws IOException {
    CamelContext context = contexts.get();
    Set<PrometheusMeterRegistry> registries =
        context == null
            ? Set.of()
            : context.getRegistry().findByType(PrometheusMeterRegistry.class);
    String body = registries.isEmpty() ? "" : registries.iterator().next().scrape();
    write(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body);
  }

  private static void respond(HttpExchange ex, Status status) throws IOException {
    StringBuilder json =
        new StringBuilder("{\"status\":\"")
            .append(status.up ? "UP" : "DOWN")
            .append("\",\"checks\":[");
    for (int i = 0; i < status.details.size(); i++) {
      if (i > 0) json.append(',');
      json.append('"')
          .append(status.details.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    write(ex, status.up ? 200 : 503, "application/json", json.append("]}").toString());
  }

  private static void write(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private record Status(boolean up, List<String> details) {}
}
