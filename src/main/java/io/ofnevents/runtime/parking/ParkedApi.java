package io.ofnevents.runtime.parking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.CloudEventHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * The parked-events API on the management port, for `ofn-events parked --runtime-url` and a web
 * console:
 *
 * <ul>
 *   <li>{@code GET /api/parked[?trigger=ns/owner|resource=Kind/ns/name][&limit=N]}: the parked
 *       events, oldest first; `trigger` is one parking owner (`ns/name` of an OpenFunction Trigger,
 *       `ns/kn-trigger:name`...), `resource` every owner of a resource ({@link ParkingOwners}:
 *       `Trigger.eventing.knative.dev/ns/name`, `Sequence.flows.knative.dev/ns/name`...);
 *   <li>{@code GET /api/parked/{ns}/{trigger}/{id}}: one of them with its data (base64);
 *   <li>{@code POST /api/parked/{ns}/{trigger}/{id}/replay}: delivers it again to the subscriber
 *       that failed it and removes it (502 with the failure when it fails again);
 *   <li>{@code POST /api/parked/{ns}/{trigger}/{id}/drop}: removes it.
 * </ul>
 *
 * Writes need `Authorization: Bearer TOKEN` with the runtime's {@link ApiToken}; without one they
 * are refused (403).
 */
public final class ParkedApi implements HttpHandler {
  /** Why a write is refused when the runtime has no token. */
  public static final String WRITES_OFF =
      "start the runtime with --console-token, " + ApiToken.ENV + " or --api-token-file";

  public static final String PATH = "/api/parked";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<CamelContext> contexts;
  private final ApiToken token;

  public ParkedApi(Supplier<CamelContext> contexts, ApiToken token) {
    this.contexts = contexts;
    this.token = token;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    boolean handedOver = false;
    try {
      handedOver = serve(ex);
    } catch (Exception e) {
      failed(ex, e);
    } finally {
      if (!handedOver) ex.close();
    }
  }

  /** Answers `ex`, or hands it to a thread that will; true in that case. */
  private boolean serve(HttpExchange ex) throws Exception {
    CamelContext context = contexts.get();
    if (context == null) {
      answer(ex, 503, error("the runtime is starting"));
      return false;
    }
    String rest = ex.getRequestURI().getPath().substring(PATH.length());
    String method = ex.getRequestMethod();
    ParkedEvents parked = new ParkedEvents(context);
    String[] parts =
        rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
    if (parts.length == 0 && method.equals("GET")) {
      list(ex, parked);
    } else if (parts.length == 3 && method.equals("GET")) {
      answer(ex, 200, item(parked.get(String.join("/", parts)), true));
    } else if (parts.length == 4 && method.equals("POST")) {
      // A replay delivers with the subscriber's retries and timeouts; on a thread of its own,
      // so that the management server's one thread keeps answering health probes meanwhile.
      String address = String.join("/", parts[0], parts[1], parts[2]);
      Thread writer = new Thread(() -> writeAndClose(ex, parked, address, parts[3]), "ofn-parked");
      writer.setDaemon(true);
      writer.start();
      return true;
    } else if (parts.length == 0 || parts.length == 3) {
      answer(ex, 405, error("method " + method + " not allowed here"));
    } else {
      answer(ex, 404, error("no such resource; see GET " + PATH));
    }
    return false;
  }

  private void writeAndClose(HttpExchange ex, ParkedEvents parked, String address, String action) {
    try {
      write(ex, parked, address, action);
    } catch (Exception e) {
      failed(ex, e);
    } finally {
      ex.close();
    }
  }

  private static void failed(HttpExchange ex, Exception e) {
    try {
      if (e instanceof ParkedEvents.NotFoundException) answer(ex, 404, error(e.getMessage()));
      else answer(ex, 500, error(String.valueOf(e.getMessage())));
    } catch (IOException ignored) {
      // the client went away; nothing to tell it
    }
  }

  private void list(HttpExchange ex, ParkedEvents parked) throws Exception {
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    int limit = DEFAULT_LIMIT;
    if (query.containsKey("limit")) {
      try {
        limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(query.get("limit"))));
      } catch (NumberFormatException e) {
        answer(ex, 400, error("limit must be a number"));
        return;
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode triggers = out.putArray("triggers");
    parked.triggers().forEach(triggers::add);
    ArrayNode items = out.putArray("parked");
    String resource = query.get("resource");
    List<ParkedEvents.Parked> list;
    if (resource != null) {
      Optional<ResourceId> id = ParkingOwners.parseRef(resource);
      if (id.isEmpty()) {
        answer(ex, 400, error("resource=" + resource + " is not Kind/namespace/name"));
        return;
      }
      list = parked.list(id.get(), limit);
    } else {
      list = parked.list(query.get("trigger"), limit);
    }
    for (ParkedEvents.Parked p : list) items.add(item(p, false));
    answer(ex, 200, out);
  }

  private void write(HttpExchange ex, ParkedEvents parked, String address, String action)
      throws Exception {
    if (!token.enabled()) {
      answer(ex, 403, error("writes are off: " + WRITES_OFF));
      return;
    }
    if (!token.authorizes(ex.getRequestHeaders().getFirst("Authorization"))) {
      answer(ex, 401, error("Authorization: Bearer <token> is missing or wrong"));
      return;
    }
    switch (action) {
      case "replay" -> {
        try {
          parked.replay(address);
        } catch (ParkedEvents.NotFoundException e) {
          throw e;
        } catch (ParkedEvents.NotReplayableException e) {
          answer(ex, 409, error(e.getMessage()));
          return;
        } catch (Exception e) {
          answer(ex, 502, error("replay failed, the event stays parked: " + e.getMessage()));
          return;
        }
        answer(ex, 200, JSON.createObjectNode().put("replayed", address));
      }
      case "drop" -> {
        parked.drop(address);
        answer(ex, 200, JSON.createObjectNode().put("dropped", address));
      }
      default -> answer(ex, 404, error("unknown action " + action + " (replay, drop)"));
    }
  }

  /** The JSON of a parked event (with its data, base64, when `withData`). */
  public static ObjectNode item(ParkedEvents.Parked p, boolean withData) {
    ParkedEvent e = p.event();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.address());
    n.put("trigger", p.trigger());
    n.put("subscriber", e.subscriber());
    ParkingKey key = ParkingKey.parse(p.trigger());
    n.put("resource", ParkingOwners.ref(key.resource()));
    if (e.subscriber() != ParkedEvent.UNREADABLE) n.put("field", key.field(e.subscriber()));
    n.put("subject", e.subject());
    n.put("parkedAt", String.valueOf(e.parkedAt()));
    n.put("eventId", e.eventId());
    ObjectNode error = n.putObject("error");
    String code = e.headers().get(CloudEventHeaders.ERROR_CODE);
    if (code != null) error.put("code", Integer.parseInt(code));
    error.put("destination", e.headers().get(CloudEventHeaders.ERROR_DEST));
    error.put("data", e.headers().get(CloudEventHeaders.ERROR_DATA));
    ObjectNode attributes = n.putObject("attributes");
    e.headers().forEach(attributes::put);
    n.put("size", e.body().length);
    if (withData) n.put("data", Base64.getEncoder().encodeToString(e.body()));
    return n;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 1) continue;
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  private static void answer(HttpExchange ex, int code, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
