package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The behaviour of the services seed 004 runs as container images, as answers of a {@link
 * RecordingSink} (so every call is recorded too): Knative's `appender`, the `filter-nodejs` and
 * `transformer-nodejs` images, and eventshub's "reply with appended data" of Knative's own Sequence
 * test. Each replies in binary mode, as the Go and JS SDKs do. {@link #byPath} serves several on
 * one sink, one per path.
 */
public final class StepServices {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StepServices() {}

  /** Several services on one sink, by request path; other paths get 404. */
  public static Function<RecordingSink.Request, RecordingSink.Answer> byPath(
      Map<String, Function<RecordingSink.Request, RecordingSink.Answer>> services) {
    return r -> {
      Function<RecordingSink.Request, RecordingSink.Answer> s = services.get(r.path());
      return s == null ? RecordingSink.Answer.status(404) : s.apply(r);
    };
  }

  /**
   * Knative's `appender` (eventing cmd/appender, env `MESSAGE`): the data must be JSON `{"id": int,
   * "message": string}` (anything else: 400, which Knative does not retry); it replies with a clone
   * of the event (id, source, type, time and extensions kept) whose data is `{"id": N, "message":
   * message + MESSAGE}`, `application/json`.
   */
  public static Function<RecordingSink.Request, RecordingSink.Answer> appender(String message) {
    return r -> {
      JsonNode data;
      try {
        data = JSON.readTree(r.body());
      } catch (IOException e) {
        data = null;
      }
      if (data == null
          || !data.isObject()
          || (data.has("id") && !data.get("id").canConvertToInt())
          || (data.has("message") && !data.get("message").isTextual())) {
        return new RecordingSink.Answer(400, Map.of(), "bad data".getBytes(UTF_8));
      }
      ObjectNode out = JSON.createObjectNode();
      out.put("id", data.has("id") ? data.get("id").asInt() : 0);
      out.put("message", (data.has("message") ? data.get("message").asText() : "") + message);
      return reply(r, "application/json", out.toString());
    };
  }

  /**
   * eventshub's "reply with appended data" (Knative's rekt Sequence test): the event back, its data
   * with `suffix` appended, the content type kept.
   */
  public static Function<RecordingSink.Request, RecordingSink.Answer> textAppender(String suffix) {
    return r -> reply(r, r.header("content-type"), r.bodyText() + suffix);
  }

  /**
   * `filter-nodejs` (env `FILTER`): the event back, as it came, when `predicate` holds; else 200
   * with an empty body (no event: filtered out).
   */
  public static Function<RecordingSink.Request, RecordingSink.Answer> filter(
      Predicate<RecordingSink.Request> predicate) {
    return r ->
        predicate.test(r)
            ? reply(r, r.header("content-type"), r.bodyText())
            : RecordingSink.Answer.status(200);
  }

  /** `transformer-nodejs` (env `TRANSFORMER`): the event back with `json` as its data. */
  public static Function<RecordingSink.Request, RecordingSink.Answer> transformer(String json) {
    return r -> reply(r, "application/json", json);
  }

  /**
   * Seed 004's `FILTER` over the event's `time`, per second instead of per minute (the tests tick
   * every second): `Math.round(Date.parse(event.time) / 1000) % 2 === 0`.
   */
  public static boolean evenSecond(RecordingSink.Request r) {
    return Math.round(Instant.parse(r.header("ce-time")).toEpochMilli() / 1000.0) % 2 == 0;
  }

  /** The event of `r` in binary mode, with `data` of `contentType`. */
  private static RecordingSink.Answer reply(
      RecordingSink.Request r, String contentType, String data) {
    Map<String, String> ce = new TreeMap<>();
    r.headers()
        .forEach(
            (k, v) -> {
              if (k.startsWith("ce-")) ce.put(k, v);
            });
    return RecordingSink.Answer.event(ce, contentType, data);
  }
}
