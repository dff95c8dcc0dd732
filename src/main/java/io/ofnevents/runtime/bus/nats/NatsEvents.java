package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.EventTooLargeException;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.HeaderValues;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import io.ofnevents.runtime.observe.LogLines;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Events on NATS, as the CloudEvents NATS binding maps them ({@link Binding#NATS}): we write binary
 * mode (attributes as percent-encoded `ce-` headers, data as the payload) and read binary or
 * structured mode. A message from a plain NATS publisher gets the attributes it lacks, with an id
 * that is the same on every redelivery.
 */
final class NatsEvents {
  /** JetStream's de-duplication header. */
  static final String MSG_ID = "Nats-Msg-Id";

  static final String PLAIN_TYPE = "io.openfunction.events.nats";

  private NatsEvents() {}

  static Headers headers(BusMessage message) {
    Headers h = new Headers();
    CloudEvent event = CloudEvent.fromHeaders(message.headers(), null);
    Binding.NATS.binaryHeaders(event).forEach(h::put);
    if (message.dedupId() != null) h.put(MSG_ID, message.dedupId());
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

  /**
   * A message consumed from a JetStream stream; its id defaults to {@link #jetStreamId}; `raw` is
   * told of header values taken as sent.
   */
  static BusMessage fromJetStream(Message m, Binding.RawValues raw) {
    return event(m, jetStreamId(m), m.metaData().timestamp().toInstant(), raw);
  }

  /** The id of a JetStream message without one: `{stream}-{sequence}`, the same on redelivery. */
  static String jetStreamId(Message m) {
    NatsJetStreamMetaData meta = m.metaData();
    return meta.getStream() + "-" + meta.streamSequence();
  }

  /** A message received on core NATS, where there is no stable id to fall back on. */
  static BusMessage fromCore(
      Message m, String fallbackId, Instant received, Binding.RawValues raw) {
    return event(m, fallbackId, received, raw);
  }

  /**
   * A message that is not a readable CloudEvent, as it was sent, to be set aside: its `ce-` headers
   * (values decoded where they can be) and `Content-Type`, its id defaulted to `fallbackId`, its
   * bytes.
   */
  static BusMessage unreadable(Message m, String fallbackId) {
    Map<String, String> h = new LinkedHashMap<>();
    plainHeaders(m.getHeaders())
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(java.util.Locale.ROOT);
              if (lower.startsWith(CloudEventHeaders.PREFIX) && lower.length() > 3) {
                h.putIfAbsent(lower, HeaderValues.decode(value));
              } else if (lower.equals("content-type")) {
                h.putIfAbsent(CloudEventHeaders.CONTENT_TYPE, value);
              }
            });
    h.putIfAbsent(CloudEventHeaders.ID, fallbackId);
    return new BusMessage(h, m.getData(), null);
  }

  /**
   * The event headers of a message read back from a parking stream: binary mode, ours, whatever its
   * Content-Type (an unreadable event is parked with the CloudEvents type it came with).
   */
  static Map<String, String> eventHeaders(Headers headers, byte[] data) {
    return new LinkedHashMap<>(Binding.NATS.readBinaryMode(plainHeaders(headers), data).headers());
  }

  private static Map<String, String> plainHeaders(Headers headers) {
    Map<String, String> plain = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (!values.isEmpty()) plain.putIfAbsent(name, values.get(0));
          });
    }
    return plain;
  }

  /**
   * The event of a message in binary or structured mode (a plain publisher may send either), its
   * data as the body; missing attributes get defaults; header values that are not percent-encoded
   * are taken as sent (told to `raw`). A message that is no event (a broken structured envelope, a
   * batch) is an {@link InvalidCloudEventException} naming the message.
   */
  private static BusMessage event(Message m, String fallbackId, Instant at, Binding.RawValues raw) {
    Map<String, String> headers = plainHeaders(m.getHeaders());
    CloudEvent event;
    try {
      event = Binding.NATS.read(headers, m.getData(), raw);
    } catch (InvalidCloudEventException e) {
      throw new InvalidCloudEventException(
          "NATS message " + fallbackId + " on " + m.getSubject() + ": " + e.getMessage(), e);
    }
    Map<String, String> h = new LinkedHashMap<>(event.headers());
    h.putIfAbsent(CloudEventHeaders.ID, fallbackId);
    h.putIfAbsent(CloudEventHeaders.SPECVERSION, "1.0");
    h.putIfAbsent(CloudEventHeaders.SOURCE, "/nats/subjects/" + m.getSubject());
    h.putIfAbsent(CloudEventHeaders.TYPE, PLAIN_TYPE);
    h.putIfAbsent(CloudEventHeaders.TIME, at.toString());
    return new BusMessage(h, event.data(), h.get(CloudEventHeaders.ID));
  }
}
