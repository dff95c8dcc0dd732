package io.ofnevents.bench;

import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the benchmark's events to JetStream the way an EventSource does (CloudEvent attributes
 * as headers, `Nats-Msg-Id` = `ce-id`), asynchronously with at most {@link #MAX_IN_FLIGHT}
 * publishes awaiting JetStream's ack. Events alternate over the subjects given.
 */
final class Publisher {
  static final int MAX_IN_FLIGHT = 512;

  /** The events' CloudEvent type (the Knative Trigger's filter matches it). */
  static final String TYPE = "io.openfunction.events.bench";

  private final JetStream js;
  private final byte[] payload;

  Publisher(JetStream js, int payloadBytes) {
    this.js = js;
    this.payload = payload(payloadBytes);
  }

  /**
   * Publishes `count` events of round `round` over `subjects` (subject `i` is event `events[i]` of
   * EventSource `bench`), as fast as acks allow when `perSecond` is 0, else paced at that rate.
   * Returns the {@code System.nanoTime()} of the first publish.
   */
  long publish(
      List<String> subjects, List<String> events, String round, int count, double perSecond)
      throws InterruptedException {
    Semaphore room = new Semaphore(MAX_IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (perSecond > 0) {
        long due = start + (long) (i * 1e9 / perSecond);
        for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
      }
      room.acquire();
      int k = i % subjects.size();
      String id = round + "-" + i;
      NatsMessage msg =
          NatsMessage.builder()
              .subject(subjects.get(k))
              .headers(headers(id, events.get(k), round))
              .data(payload)
              .build();
      js.publishAsync(msg)
          .whenComplete(
              (ack, e) -> {
                if (e != null) failure.compareAndSet(null, e);
                room.release();
              });
      if (failure.get() != null) break;
    }
    if (!room.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("JetStream did not acknowledge every publish within 30 s");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("publish failed: " + failure.get(), failure.get());
    }
    return start;
  }

  /** The headers an EventSource puts on event `id`, tagged with `round` and the publish time. */
  static Headers headers(String id, String event, String round) {
    Headers h = new Headers();
    h.put("ce-id", id);
    h.put("ce-specversion", "1.0");
    h.put(
        "ce-source", "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/bench");
    h.put("ce-type", TYPE);
    h.put("ce-subject", event);
    h.put("ce-time", Instant.now().toString());
    h.put("ce-ofnnamespace", "default");
    h.put("ce-ofneventsource", "bench");
    h.put("ce-ofnevent", event);
    h.put("Content-Type", "application/json");
    h.put(ArrivalSink.ROUND, round);
    h.put(ArrivalSink.SENT, Long.toString(System.nanoTime()));
    h.put("Nats-Msg-Id", id);
    return h;
  }

  byte[] payload() {
    return payload;
  }

  /** A JSON document of about `bytes` bytes. */
  static byte[] payload(int bytes) {
    StringBuilder sb = new StringBuilder("{\"data\":\"");
    while (sb.length() < bytes - 2) sb.append((char) ('a' + sb.length() % 26));
    sb.append("\"}");
    byte[] all = sb.toString().getBytes(StandardCharsets.US_ASCII);
    if (all.length <= bytes) return all;
    byte[] blanks = new byte[bytes];
    java.util.Arrays.fill(blanks, (byte) ' ');
    return blanks;
  }
}
