package io.ofnevents.runtime.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: commands by id, every event
 * kept. Enough to drive one headless Chromium page without any npm package.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private DevTools(String url) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  static DevTools connect(String webSocketUrl) throws Exception {
    return new DevTools(webSocketUrl);
  }

  /** Sends `method` with `params` (name, value, ...) and waits for its result. */
  JsonNode call(String method, Object... params) throws Exception {
    ObjectNode msg = JSON.createObjectNode();
    int id = ids.incrementAndGet();
    msg.put("id", id).put("method", method);
    ObjectNode p = msg.putObject("params");
    for (int i = 0; i + 1 < params.length; i += 2)
      p.set((String) params[i], JSON.valueToTree(params[i + 1]));
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode answer = result.get(60, TimeUnit.SECONDS);
    if (answer.has("error")) throw new IllegalStateException(method + ": " + answer.get("error"));
    return answer.get("result");
  }

  /** The value of a JavaScript expression in the page (JSON-serialisable values only). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            "expression",
            expression,
            "returnByValue",
            true,
            "awaitPromise",
            true);
    if (r.has("exceptionDetails"))
      throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
    return r.at("/result/value");
  }

  List<JsonNode> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(partial.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) f.complete(msg);
          } else {
            events.add(msg);
          }
        } catch (Exception e) {
          events.add(
              JSON.createObjectNode().put("method", "client.error").put("message", e.toString()));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
