package io.ofnevents.runtime.bus.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfoOptions;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.parking.ParkedEvent;
import io.ofnevents.runtime.parking.ParkingLot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parked events as messages of the parking subject in JetStream: published like any event (so a
 * stream is made for the subject, with the bus's limits, and the publish returns after JetStream's
 * ack), the subscriber and original subject as the `ofnparked*` extensions. They are read and
 * deleted by stream sequence, which is their id; replicas share them. Nothing consumes the subject,
 * so a parked event stays until it is replayed or dropped (or the bus's `maxAge`).
 */
final class JetStreamParkingLot implements ParkingLot {
  /** JetStream's "no message found" (get past the end, or a deleted sequence). */
  static final int NO_MESSAGE = 10037;

  private final JetStreamBus bus;

  JetStreamParkingLot(JetStreamBus bus) {
    this.bus = bus;
  }

  /** JetStream management of the bus's connection, waiting for the server like a publish. */
  private JetStreamManagement jsm() throws IOException {
    return bus.awaitSession(NatsLink.CONNECT_WAIT).nc().jetStreamManagement();
  }

  @Override
  public void park(String subject, ParkedEvent event, String dedupId) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(event.headers());
    headers.put(ParkedEvent.SUBSCRIBER, String.valueOf(event.subscriber()));
    headers.put(ParkedEvent.SUBJECT, event.subject());
    bus.publish(subject, new BusMessage(headers, event.body(), dedupId));
  }

  @Override
  public List<ParkedEvent> list(String subject, long after, int limit) throws Exception {
    String stream = stream(subject);
    List<ParkedEvent> out = new ArrayList<>();
    if (stream == null) return out;
    JetStreamManagement jsm = jsm();
    long next = Math.max(1, after + 1);
    while (out.size() < limit) {
      long from = next;
      MessageInfo m = getOrNull(() -> jsm.getNextMessage(stream, from, subject));
      if (m == null) break;
      out.add(event(m));
      next = m.getSeq() + 1;
    }
    return out;
  }

  @Override
  public Optional<ParkedEvent> get(String subject, long id) throws Exception {
    String stream = stream(subject);
    if (stream == null) return Optional.empty();
    JetStreamManagement jsm = jsm();
    MessageInfo m = getOrNull(() -> jsm.getMessage(stream, id));
    return m == null || !subject.equals(m.getSubject()) ? Optional.empty() : Optional.of(event(m));
  }

  @Override
  public long count(String subject) throws Exception {
    String stream = stream(subject);
    if (stream == null) return 0;
    // the subject filter: the bus's shared stream holds every other subject too
    Long n =
        jsm()
            .getStreamInfo(stream, StreamInfoOptions.filterSubjects(subject))
            .getStreamState()
            .getSubjectMap()
            .get(subject);
    return n == null ? 0 : n;
  }

  @Override
  public boolean remove(String subject, long id) throws Exception {
    if (get(subject, id).isEmpty()) return false;
    try {
      return jsm().deleteMessage(stream(subject), id);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE) return false; // removed meanwhile
      throw e;
    }
  }

  /** The stream that holds the subject; null when none does (nothing was ever parked). */
  private String stream(String subject) throws IOException, JetStreamApiException {
    List<String> names = jsm().getStreamNames(subject);
    return names.isEmpty() ? null : names.get(0);
  }

  private interface Get {
    MessageInfo get() throws IOException, JetStreamApiException;
  }

  private static MessageInfo getOrNull(Get get) throws IOException, JetStreamApiException {
    try {
      return get.get();
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE) return null;
      throw e;
    }
  }

  private static ParkedEvent event(MessageInfo m) {
    Map<String, String> headers = NatsEvents.eventHeaders(m.getHeaders(), m.getData());
    String subscriber = headers.remove(ParkedEvent.SUBSCRIBER);
    String from = headers.remove(ParkedEvent.SUBJECT);
    Instant at = m.getTime() == null ? null : m.getTime().toInstant();
    return new ParkedEvent(
        m.getSeq(),
        subscriber == null ? 0 : Integer.parseInt(subscriber),
        from,
        at,
        headers,
        m.getData());
  }
}
