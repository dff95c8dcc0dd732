package io.ofnevents.runtime.cloudevents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A protocol binding of CloudEvents (HTTP 1.0.2, NATS 1.0.3) over header-carrying messages: reads a
 * message in binary, structured or batch mode (told apart by `Content-Type`, as both bindings say),
 * and writes one in binary or structured mode. Header values are percent-encoded ({@link
 * HeaderValues}); one that is not (the official SDKs send values as they are) is taken as sent and
 * reported to a {@link RawValues} listener, never refused. A message that is no event (a broken
 * JSON envelope, a batch where one event was expected) is an {@link InvalidCloudEventException}.
 *
 * <p>This is the one place that knows the wire shape, for everything that sends or receives events:
 * the bus, the HTTP sinks, `ofn-events display`, and the Knative broker ingress and sink replies
 * (0.3 and 1.0, binary and structured) that are built on it. Callers pass header maps with one
 * value per name (any case) and get them back with lower-case `ce-` names.
 */
public enum Binding {
  /** HTTP: `datacontenttype` is the `Content-Type` header. */
  HTTP("content-type"),
  /**
   * NATS: `datacontenttype` is `ce-datacontenttype`; we also write `Content-Type` for plain NATS
   * consumers and read it when `ce-datacontenttype` is absent.
   */
  NATS("ce-datacontenttype");

  public static final String CONTENT_TYPE = "Content-Type";
  public static final String STRUCTURED_TYPE = "application/cloudevents+json; charset=UTF-8";
  public static final String BATCH_TYPE = "application/cloudevents-batch+json";

  /** How a message carries its event(s). */
  public enum Mode {
    BINARY,
    STRUCTURED,
    BATCH
  }

  /**
   * Told of each header value taken as sent instead of percent-decoded, because it was not
   * percent-encoded as the bindings ask (see {@link HeaderValues}), so that a receiver can say so
   * (a log line, a counter).
   */
  @FunctionalInterface
  public interface RawValues {
    RawValues IGNORE = (eventId, header, reason) -> {};

    /**
     * @param eventId the event's id, null when it has none
     * @param header the header's name, lower case
     */
    void kept(String eventId, String header, String reason);
  }

  private final String contentTypeHeader;

  Binding(String contentTypeHeader) {
    this.contentTypeHeader = contentTypeHeader;
  }

  /** The mode of a message with this `Content-Type` (null: binary). */
  public static Mode mode(String contentType) {
    if (contentType == null) return Mode.BINARY;
    String ct = contentType.trim().toLowerCase(Locale.ROOT);
    if (ct.startsWith("application/cloudevents-batch")) return Mode.BATCH;
    if (ct.startsWith("application/cloudevents")) return Mode.STRUCTURED;
    return Mode.BINARY;
  }

  /** The one event of a message in binary or structured mode. */
  public CloudEvent read(Map<String, String> headers, byte[] body) {
    return read(headers, body, RawValues.IGNORE);
  }

  /** As {@link #read(Map, byte[])}, telling `raw` of the header values taken as sent. */
  public CloudEvent read(Map<String, String> headers, byte[] body, RawValues raw) {
    Map<String, String> h = lowerCase(headers);
    return switch (mode(h.get("content-type"))) {
      case BINARY -> readBinary(h, body, raw);
      case STRUCTURED -> JsonFormat.read(body);
      case BATCH ->
          throw InvalidCloudEventException.of(
              null, "Content-Type", "a batch (" + BATCH_TYPE + ") where one event was expected");
    };
  }

  /** The events of a message in any mode: one, or those of a batch. */
  public List<CloudEvent> readAll(Map<String, String> headers, byte[] body) {
    return readAll(headers, body, RawValues.IGNORE);
  }

  /** As {@link #readAll(Map, byte[])}, telling `raw` of the header values taken as sent. */
  public List<CloudEvent> readAll(Map<String, String> headers, byte[] body, RawValues raw) {
    Map<String, String> h = lowerCase(headers);
    return mode(h.get("content-type")) == Mode.BATCH
        ? JsonFormat.readBatch(body)
        : List.of(read(h, body, raw));
  }

  /**
   * The event of a message known to be in binary mode whatever its `Content-Type` says: a copy we
   * stored ourselves (a parked event), whose `datacontenttype` may well be a CloudEvents type.
   */
  public CloudEvent readBinaryMode(Map<String, String> headers, byte[] body) {
    return readBinary(lowerCase(headers), body, RawValues.IGNORE);
  }

  /** The binary-mode headers of `event` (the body is {@link CloudEvent#data()}). */
  public Map<String, String> binaryHeaders(CloudEvent event) {
    Map<String, String> h = new LinkedHashMap<>();
    event
        .attributes()
        .forEach(
            (name, value) -> {
              if (!name.equals("datacontenttype")) {
                h.put("ce-" + name, HeaderValues.encode(value));
              } else if (this == NATS) {
                h.put("ce-datacontenttype", HeaderValues.encode(value));
                h.put(CONTENT_TYPE, value);
              } else {
                h.put(CONTENT_TYPE, value);
              }
            });
    return h;
  }

  /** The headers of `event` in structured mode; the body is {@link JsonFormat#write}. */
  public Map<String, String> structuredHeaders() {
    return Map.of(CONTENT_TYPE, STRUCTURED_TYPE);
  }

  private CloudEvent readBinary(Map<String, String> h, byte[] body, RawValues raw) {
    String id = h.containsKey("ce-id") ? HeaderValues.decode(h.get("ce-id")) : null;
    Map<String, String> attributes = new LinkedHashMap<>();
    h.forEach(
        (name, value) -> {
          if (!name.startsWith("ce-") || name.length() == 3) return;
          attributes.put(name.substring(3), decode(h, name, id, raw));
        });
    // the binding's own header wins when a message has both
    String ctHeader =
        h.containsKey(contentTypeHeader)
            ? contentTypeHeader
            : this == HTTP ? "ce-datacontenttype" : "content-type";
    String ct = h.get(ctHeader);
    // a ce-datacontenttype header is in the attributes already, decoded by the loop
    if (ct != null && !ctHeader.startsWith("ce-")) attributes.put("datacontenttype", ct);
    return new CloudEvent(attributes, body);
  }

  private static String decode(Map<String, String> h, String name, String id, RawValues raw) {
    String value = h.get(name);
    if (value == null) return null;
    HeaderValues.Decoded d = HeaderValues.read(value);
    if (d.keptAsSent() != null) raw.kept(id, name, d.keptAsSent());
    return d.value();
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (v != null) h.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
        });
    return h;
  }
}
