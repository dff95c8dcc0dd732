package io.ofnevents.bench;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The arrivals of one round at the sink: each distinct (path, event id) once, with its latency
 * (arrival minus the publish time the event carries); redeliveries are counted apart.
 */
final class Tally {
  private final String round;
  private final int expected;
  private final long[] latencies;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicLong lastArrival = new AtomicLong();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final CountDownLatch done = new CountDownLatch(1);

  Tally(String round, int expected) {
    this.round = round;
    this.expected = expected;
    this.latencies = new long[expected];
  }

  String round() {
    return round;
  }

  void arrived(String path, String id, long sentNanos, long arrivalNanos) {
    if (!seen.add(path + ' ' + id)) {
      duplicates.incrementAndGet();
      return;
    }
    int i = count.getAndIncrement();
    if (i >= expected) return;
    latencies[i] = arrivalNanos - sentNanos;
    lastArrival.accumulateAndGet(arrivalNanos, Math::max);
    if (i == expected - 1) done.countDown();
  }

  /** Waits until every expected event arrived; false on timeout. */
  boolean await(long timeoutMillis) throws InterruptedException {
    return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  int count() {
    return Math.min(count.get(), expected);
  }

  int duplicates() {
    return duplicates.get();
  }

  long lastArrivalNanos() {
    return lastArrival.get();
  }

  /** Latencies of the arrived events, sorted, in nanoseconds. */
  long[] sortedLatencies() {
    long[] copy = Arrays.copyOf(latencies, count());
    Arrays.sort(copy);
    return copy;
  }
}
