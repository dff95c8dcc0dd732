package io.ofnevents.runtime.parking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per bus event (its key: the JetStream stream sequence, the in-memory queue's sequence), which
 * subscribers are done with it and which failed, so that a redelivery goes only to those that
 * failed. Kept only for events that had a failure, in this process, at most {@value #CAPACITY} of
 * them, each until {@value #TTL_MINUTES} minutes after its last delivery: a forgotten event is
 * delivered to every subscriber again, a duplicate and never a loss. Another replica does not see
 * this ledger (docs/reliability.md).
 */
final class DeliveryLedger {
  static final int CAPACITY = 10_000;
  static final long TTL_MINUTES = 10;

  private record Entry(Map<Object, DeliveryTrack.State> states, long touched) {}

  private final Map<String, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The track of a delivery of the event `key` (null: the bus cannot tell events apart). */
  synchronized DeliveryTrack track(String key) {
    if (key == null || entries.isEmpty()) return DeliveryTrack.fresh();
    Entry e = entries.get(key);
    if (e == null) return DeliveryTrack.fresh();
    if (System.nanoTime() - e.touched() > TimeUnit.MINUTES.toNanos(TTL_MINUTES)) {
      entries.remove(key);
      return DeliveryTrack.fresh();
    }
    return new DeliveryTrack(e.states());
  }

  /** Keeps what this delivery learned, when there is anything a redelivery needs to know. */
  synchronized void remember(String key, DeliveryTrack track) {
    if (key == null) return;
    boolean known = entries.containsKey(key);
    if (!known && track.failures().isEmpty()) return;
    entries.put(key, new Entry(track.states(), System.nanoTime()));
  }

  synchronized int size() {
    return entries.size();
  }
}
