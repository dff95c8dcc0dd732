package io.ofnevents.faults;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Publishes `evt-0` .. `evt-{n-1}` to a JetStream subject at a steady rate, as an EventSource would
 * (binary CloudEvent headers, `Nats-Msg-Id` = `ce-id`), each publish retried until JetStream
 * acknowledged it, so the events keep coming while a fault is going on.
 */
final class Publisher {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final JetStream js;
  private final String subject;
  private final int count;
  private final AtomicInteger next = new AtomicInteger();
  private volatile Exception failed;

  private Publisher(JetStream js, String subject, int count) {
    this.js = js;
    this.subject = subject;
    this.count = count;
  }

  /** Starts publishing `count` events, `perSecond` of them a second (in ticks of 100 ms). */
  static Publisher start(Connection nc, String subject, int count, int perSecond)
      throws IOException {
    Publisher p = new Publisher(nc.jetStream(), subject, count);
    int perTick = Math.max(1, perSecond / 10);
    p.timer.scheduleWithFixedDelay(() -> p.tick(perTick), 0, 100, TimeUnit.MILLISECONDS);
    return p;
  }

  List<String> ids() {
    return IntStream.range(0, count).mapToObj(Publisher::id).toList();
  }

  int published() {
    return next.get();
  }

  /** The exception that stopped publishing, or null. */
  Exception failed() {
    return failed;
  }

  /** Waits until every event was published (or publishing failed), then stops the timer. */
  void await(Duration timeout) throws InterruptedException {
    Awaitility.await().atMost(timeout).until(() -> next.get() >= count || failed != null);
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }

  static String id(int i) {
    return "evt-" + i;
  }

  private void tick(int n) {
    for (int k = 0; k < n && next.get() < count && failed == null; k++) {
      String id = id(next.get());
      try {
        publishAcked(id);
        next.incrementAndGet();
      } catch (Exception e) {
        failed = e;
      }
    }
  }

  /** Publishes until acknowledged: a server restart shows up as timeouts for a few seconds. */
  private void publishAcked(String id) {
    AtomicReference<Exception> last = new AtomicReference<>();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> published(id, last));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("cannot publish " + id, last.get());
    }
  }

  private boolean published(String id, AtomicReference<Exception> last) {
    try {
      js.publish(message(id)); // a new message per attempt: jnats marks one it sent
      return true;
    } catch (Exception e) {
      last.set(e);
      return false;
    }
  }

  private NatsMessage message(String id) {
    Headers h =
        new Headers()
            .put("ce-id", id)
            .put("ce-specversion", "1.0")
            .put(
                "ce-source",
                "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/producer")
            .put("ce-type", "io.openfunction.events.test")
            .put("Nats-Msg-Id", id);
    return NatsMessage.builder()
        .subject(subject)
        .headers(h)
        .data(("payload of " + id).getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
