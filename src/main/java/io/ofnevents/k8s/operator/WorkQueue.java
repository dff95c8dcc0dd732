package io.ofnevents.k8s.operator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Keys waiting to be reconciled, as client-go's rate-limited queue: a key queued several times is
 * held once (at its earliest due time), failures are retried with exponential backoff per key, and
 * {@link #take()} hands out one key at a time, so a key is never reconciled twice at once by one
 * worker.
 */
final class WorkQueue<K> {
  static final Duration MIN_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private record Entry<K>(long due, long seq, K key) {}

  private final TreeSet<Entry<K>> byDue =
      new TreeSet<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private final Map<K, Entry<K>> queued = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final LongSupplier nanoClock;
  private long seq;
  private boolean shutdown;

  WorkQueue(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  WorkQueue() {
    this(System::nanoTime);
  }

  /** Queues `key` now; if it is already queued for later, it moves up. */
  synchronized void add(K key) {
    addAfter(key, Duration.ZERO);
  }

  /** Queues `key` after `delay` unless it is already queued sooner. */
  synchronized void addAfter(K key, Duration delay) {
    long due = nanoClock.getAsLong() + delay.toNanos();
    Entry<K> existing = queued.get(key);
    if (existing != null && existing.due <= due) return;
    if (existing != null) byDue.remove(existing);
    Entry<K> e = new Entry<>(due, seq++, key);
    byDue.add(e);
    queued.put(key, e);
    notifyAll();
  }

  /** Queues `key` again after a failure, waiting longer after each consecutive one. */
  synchronized Duration retry(K key) {
    int n = failures.merge(key, 1, Integer::sum);
    long millis = MIN_BACKOFF.toMillis() << Math.min(n - 1, 20);
    Duration delay = Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    addAfter(key, delay);
    return delay;
  }

  /** Forgets the failures of `key` after it succeeded. */
  synchronized void forget(K key) {
    failures.remove(key);
  }

  /** Blocks until a key is due; empty once {@link #shutdown()} was called. */
  synchronized Optional<K> take() throws InterruptedException {
    while (!shutdown) {
      if (!byDue.isEmpty()) {
        long wait = byDue.first().due - nanoClock.getAsLong();
        if (wait <= 0) {
          Entry<K> e = byDue.pollFirst();
          queued.remove(e.key);
          return Optional.of(e.key);
        }
        wait(Math.max(1, wait / 1_000_000), 0);
      } else {
        wait();
      }
    }
    return Optional.empty();
  }

  synchronized int size() {
    return queued.size();
  }

  synchronized void shutdown() {
    shutdown = true;
    notifyAll();
  }
}
