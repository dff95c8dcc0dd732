package io.ofnevents.runtime.parking;

import io.ofnevents.runtime.delivery.DeliveryFailedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What became of each subscriber for one delivery of one bus event, on top of what earlier
 * deliveries of the same event recorded (from the {@link DeliveryLedger}). The bus consumer puts it
 * on the exchange as {@link #PROPERTY}; a multicast's copies share it. A subscriber is known by its
 * index (`ofn-subscriber`) and by its condition (the predicate object of its filter), so that the
 * condition itself can say "already delivered" (skip) or "failed before" (deliver again even if the
 * condition no longer holds, so a redelivery cannot lose it).
 */
public final class DeliveryTrack {
  /** Exchange property holding the track. */
  public static final String PROPERTY = "ofn.delivery.track";

  enum State {
    /** Delivered, dead-lettered or parked: never again for this event. */
    DONE,
    /** Failed on an earlier delivery: to be delivered again. */
    RETRY
  }

  /** A subscriber's failure on this delivery: what it tried to deliver and why it failed. */
  public record Failure(
      int subscriber, Object condition, Map<String, String> headers, byte[] body, Exception error) {
    /** Whether a later delivery could succeed; a rejection (4xx) cannot. */
    public boolean retryable() {
      return !(error instanceof DeliveryFailedException d) || d.retryable();
    }
  }

  private final Map<Object, State> states;
  private final List<Failure> failures = new CopyOnWriteArrayList<>();

  DeliveryTrack(Map<Object, State> states) {
    this.states = states;
  }

  /** A track with no history, for a bus that does not redeliver (or a test). */
  public static DeliveryTrack fresh() {
    return new DeliveryTrack(new ConcurrentHashMap<>());
  }

  /** Whether the subscriber known as `key` (index or condition) is done with this event. */
  public boolean isDone(Object key) {
    return key != null && states.get(key) == State.DONE;
  }

  /** Whether the subscriber known as `key` failed this event on an earlier delivery. */
  public boolean isRetry(Object key) {
    return key != null && states.get(key) == State.RETRY;
  }

  void succeeded(int subscriber, Object condition) {
    put(subscriber, condition, State.DONE);
  }

  void failed(Failure failure) {
    failures.add(failure);
    put(failure.subscriber(), failure.condition(), State.RETRY);
  }

  void parked(Failure failure) {
    put(failure.subscriber(), failure.condition(), State.DONE);
  }

  /** The failures of this delivery, in subscriber order of occurrence. */
  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  Map<Object, State> states() {
    return states;
  }

  private void put(int subscriber, Object condition, State state) {
    states.put(subscriber, state);
    if (condition != null) states.put(condition, state);
  }
}
