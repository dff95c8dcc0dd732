package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.HeaderValues;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.EventTooLargeException;
import io.ofnevents.runtime.observe.LogLines;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Events on NATS: CloudEvent attributes as message headers (binary mode), data as the payload,
 * header values percent-encoded by {@link HeaderValues}. A message from a plain NATS publisher gets
 * the attributes it lacks, with an id that is the same on every redelivery.
 */
final class NatsEvents {
  /** JetStream's de-duplication header. */
  static final String MSG_ID = "Nats-Msg-Id";

  static final String PLAIN_TYPE = "io.openfunction.events.nats";

  private NatsEvents() {}

  static Headers headers(BusMessage message) {
    Headers h = new Headers();
    message.headers().forEach((k, v) -> h.put(k, encode(v)));
    if (message.dedupId() != null) h.put(MSG_ID, encode(message.dedupId()));
    return h;
  }

  /**
   * Refuses a message larger than the server's max_payload (headers and data) before it is sent:
   * the server would close the connection on it, and every retry would do the same.
   */
  static void requireFits(Connection nc, String subject, String id, Headers h, byte[] data) {
    long max = nc.getMaxPayload();
    long size = (long) h.serializedLength() + data.length;
    if (max > 0 && size > max) {
      throw new EventTooLargeException(
          LogLines.format(LogLines.EVENT_TOO_LARGE, id, size, max, subject));
    }
  }

  /** A message consumed from a JetStream stream; its id defaults to `{stream}-{sequence}`. */
  static BusMessage fromJetStream(Message m) {
    NatsJetStreamMetaData meta = m.metaData();
    Map<String, String> h = eventHeaders(m.getHeaders());
    fillDefaults(
        h,
        meta.getStream() + "-" + meta.streamSequence(),
        m.getSubject(),
        meta.timestamp().toInstant());
    return new BusMessage(h, m.getData(), h.get(CloudEventHeaders.ID));
  }

  /** A message received on core NATS, where there is no stable id to fall back on. */
  static BusMessage fromCore(Message m, String fallbackId, Instant received) {
    Map<String, String> h = eventHeaders(m.getHeaders());
    fillDefaults(h, fallbackId, m.getSubject(), received);
    return new BusMessage(h, m.getData(), h.get(CloudEventHeaders.ID));
  }

  /** The event headers of a NATS message, decoded (also read back from a parking stream). */
  static Map<String, String> eventHeaders(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers == null) return out;
    headers.forEach(
        (name, values) -> {
          if (values.isEmpty() || !CloudEventHeaders.isEventHeader(name)) return;
          String key =
              name.equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)
                  ? CloudEventHeaders.CONTENT_TYPE
                  : name.toLowerCase(Locale.ROOT);
          out.put(key, decode(values.get(0)));
        });
    return out;
  }

  private static void fillDefaults(Map<String, String> h, String id, String subject, Instant at) {
    h.putIfAbsent(CloudEventHeaders.ID, id);
    h.putIfAbsent(CloudEventHeaders.SPECVERSION, "1.0");
    h.putIfAbsent(CloudEventHeaders.SOURCE, "/nats/subjects/" + subject);
    h.putIfAbsent(CloudEventHeaders.TYPE, PLAIN_TYPE);
    h.putIfAbsent(CloudEventHeaders.TIME, at.toString());
  }

  static String encode(String value) {
    return HeaderValues.encode(value);
  }

  static String decode(String value) {
    return HeaderValues.decode(value);
  }
}
