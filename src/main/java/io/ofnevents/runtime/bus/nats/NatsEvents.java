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

  /** A message consumed from a JetStream stream; its id defaults to `{stream}-{sequence}`. */
  static BusMessage fromJetStream(Message m) {
    NatsJetStreamMetaData meta = m.metaData();
    return event(m, meta.getStream() + "-" + meta.streamSequence(), meta.timestamp().toInstant());
  }

  /** A message received on core NATS, where there is no stable id to fall back on. */
  static BusMessage fromCore(Message m, String fallbackId, Instant received) {
    return event(m, fallbackId, received);
  }

  /** The event headers of a message read back from a parking stream (binary mode, ours). */
  static Map<String, String> eventHeaders(Headers headers, byte[] data) {
    Map<String, String> plain = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, values) -> {
            if (!values.isEmpty()) plain.putIfAbsent(name, values.get(0));
          });
    }
    return new LinkedHashMap<>(Binding.NATS.read(plain, data).headers());
  }

  /**
   * The event of a message in binary or structured mode (a plain publisher may send either), its
   * data as the body; missing attributes get defaults. An undecodable one is an {@link
   * InvalidCloudEventException} naming the message, the header and the event.
   */
  private static BusMessage event(Message m, String fallbackId, Instant at) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (m.getHeaders() != null) {
      m.getHeaders()
          .forEach(
              (name, values) -> {
                if (!values.isEmpty()) headers.putIfAbsent(name, values.get(0));
              });
    }
    CloudEvent event;
    try {
      event = Binding.NATS.read(headers, m.getData());
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
