package io.ofnevents.runtime.parking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.delivery.ErrorAttributes;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.Meters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Trigger input's bus consumer does with an event some subscribers could not deliver: a
 * subscriber that rejected it (not retryable), or that still fails on the last delivery the
 * consumer allows, gets its copy parked on the Trigger's parking subject (and is done with the
 * event); the others are left for a redelivery, which goes only to them ({@link DeliveryLedger}).
 * The event is acknowledged when nothing is left, and only after every parked copy is stored.
 */
public final class TriggerParking {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerParking.class);

  private final ParkingKey owner;
  private final String subject;
  private final ParkingLot lot;
  private final int maxDeliveries;
  private final MeterRegistry registry;
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final Map<Integer, Counter> parked = new ConcurrentHashMap<>();

  /**
   * @param trigger `namespace/name` (`namespace/kn-trigger:name` for a Knative Trigger,
   *     `namespace/pingsource:name` for a PingSource: {@link ParkingKey})
   * @param subject the parking subject
   * @param maxDeliveries deliveries of an event before a retryable failure is parked
   */
  public TriggerParking(
      String trigger, String subject, ParkingLot lot, int maxDeliveries, MeterRegistry registry) {
    this.owner = ParkingKey.parse(trigger);
    this.subject = subject;
    this.lot = lot;
    this.maxDeliveries = Math.max(1, maxDeliveries);
    this.registry = registry;
  }

  /** The track to put on the exchange of a delivery of the event `key`. */
  public DeliveryTrack track(String key) {
    return ledger.track(key);
  }

  /**
   * Settles a delivery that failed: parks what cannot wait for another delivery and returns true
   * when nothing is left, so the caller acknowledges the event; false to have it redelivered (also
   * when a subscriber's failure is not known, e.g. the condition state failed, or when the context
   * is stopping: a stop interrupts deliveries, it does not make them fail).
   *
   * @param key the event's key on the bus (null when the bus cannot tell)
   * @param attempt this delivery's number, 1 for the first
   * @param last whether the bus will not deliver the event again whatever we answer
   * @param from the subject the event was read from
   */
  public boolean settle(
      String key, long attempt, boolean last, String from, DeliveryTrack track, boolean stopping)
      throws Exception {
    try {
      if (stopping || track.failures().isEmpty()) return false;
      boolean lastDelivery = last || attempt >= maxDeliveries;
      boolean left = false;
      for (DeliveryTrack.Failure f : track.failures()) {
        if (f.retryable() && !lastDelivery) {
          left = true;
          continue;
        }
        park(key, attempt, from, f);
        track.parked(f);
      }
      return !left;
    } finally {
      ledger.remember(key, track);
    }
  }

  /**
   * Parks a message of the input that is no readable CloudEvent, as it came (its `ce-` headers and
   * `Content-Type`, its bytes), with the reason as its error, at once: delivering it again would
   * fail the same way. Returns once it is stored, so the caller may acknowledge it.
   *
   * @param key the message's key on the bus (null when the bus cannot tell)
   */
  public void parkUnreadable(
      String key, String from, Map<String, String> headers, byte[] body, Exception error)
      throws Exception {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putAll(ErrorAttributes.of(error));
    ParkedEvent event = new ParkedEvent(0, ParkedEvent.UNREADABLE, from, Instant.now(), h, body);
    String id = event.eventId();
    lot.park(subject, event, (key == null ? id : key) + "@" + subject + "-unreadable");
    LOG.warn(LogLines.PARKED_UNREADABLE, id, from, error.getMessage(), subject, owner.describe());
  }

  /** Records the outcome of a delivery that succeeded (a redelivery must not repeat it). */
  public void succeeded(String key, DeliveryTrack track) {
    ledger.remember(key, track);
  }

  private void park(String key, long attempt, String from, DeliveryTrack.Failure f)
      throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(f.headers());
    headers.putAll(ErrorAttributes.of(f.error()));
    ParkedEvent event = new ParkedEvent(0, f.subscriber(), from, Instant.now(), headers, f.body());
    String id = event.eventId();
    // One parked copy per event and subscriber even if the event is parked again after a lost
    // acknowledgement: the bus key is unique per event, the event id is not.
    String dedupId = (key == null ? id : key) + "@" + subject + "-" + f.subscriber();
    lot.park(subject, event, dedupId);
    counter(f.subscriber()).increment();
    LOG.warn(
        LogLines.PARKED,
        id,
        f.subscriber(),
        owner.describe(),
        attempt,
        f.error().getMessage(),
        subject);
  }

  private Counter counter(int subscriber) {
    return parked.computeIfAbsent(
        subscriber,
        i -> {
          String[] meter = owner.parkedMeter(i);
          return Meters.counter(
              registry,
              meter[0],
              "Events the subscriber could not deliver, parked for `ofn-events parked`",
              java.util.Arrays.copyOfRange(meter, 1, meter.length));
        });
  }

  public String subject() {
    return subject;
  }

  public ParkingLot lot() {
    return lot;
  }
}
