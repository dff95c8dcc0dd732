package io.ofnevents.runtime.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ofnevents.runtime.parking.ParkedApi;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON API under `/api/` (docs/console.md): reads only. The page's actions (replay
 * and drop of parked events) are the parked-events API's ({@link ParkedApi}, `/api/parked`), with
 * its token. Nothing here reaches the routes. Every body is scrubbed of the run's secret values.
 */
final class ConsoleApi implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
  static final String WRITES =
      "replay and drop are POST " + ParkedApi.PATH + "/{namespace}/{trigger}/{n}/replay|drop";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final Console console;

  ConsoleApi(Console console) {
    this.console = console;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      try {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          error(ex, 405, "the console API is read-only; " + WRITES);
          return;
        }
        Object body = read(path, query(ex));
        if (body == null) error(ex, 404, "no such resource or endpoint: " + path);
        else json(ex, 200, body);
      } catch (RuntimeException e) {
        LOG.warn("Console request {} failed: {}", path, Redaction.text(e.toString()));
        error(ex, 500, "internal error: " + e.getClass().getSimpleName());
      } catch (Exception e) {
        error(ex, 500, "internal error: " + Redaction.text(String.valueOf(e.getMessage())));
      }
    }
  }

  private Object read(String path, Map<String, String> query) throws Exception {
    switch (path) {
      case "/api/console":
        return console.about();
      case "/api/topology":
        return console.topology();
      case "/api/stats":
        return console.stats();
      case "/api/resources":
        return console.resources();
      case "/api/events":
        ConsoleResource r = console.find(query.get("resource"));
        return r == null
            ? null
            : Map.of("resource", query.get("resource"), "events", console.events(r));
      default:
        if (path.startsWith("/api/resources/")) {
          ConsoleResource res = console.find(path.substring("/api/resources/".length()));
          return res == null ? null : console.detail(res);
        }
        return null;
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) return out;
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq <= 0) continue;
      out.put(
          URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private void json(HttpExchange ex, int code, Object body) throws IOException {
    String text = console.redaction().scrub(JSON.writeValueAsString(body));
    Http.send(ex, code, "application/json", text.getBytes(StandardCharsets.UTF_8), false);
  }

  private void error(HttpExchange ex, int code, String message) throws IOException {
    json(ex, code, Map.of("error", message));
  }
}
