package io.ofnevents.testing;

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
 * Publishes test events `evt-N` to a JetStream subject as an EventSource does (binary CloudEvent
 * headers, `Nats-Msg-Id` = `ce-id`, body `payload of evt-N`), each publish retried with the same id
 * until JetStream acknowledged it, so events keep coming while a fault is going on: one by one, or
 * at a steady rate from a timer ({@link #start}).
 */
public final class EventPublisher {
  /** The EventSource the events claim to come from: `producer` in namespace `default`. */
  public static final String SOURCE =
      "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/producer";

  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final JetStream js;
  private final String subject;
  private final int count;
  private final AtomicInteger next = new AtomicInteger();
  private volatile Exception failed;

  private EventPublisher(JetStream js, String subject, int count) {
    this.js = js;
    this.subject = subject;
    this.count = count;
  }

  /** `evt-i`. */
  public static String id(int i) {
    return "evt-" + i;
  }

  /** `evt-from` .. `evt-(to-1)`. */
  public static List<String> ids(int from, int to) {
    return IntStream.range(from, to).mapToObj(EventPublisher::id).toList();
  }

  /** The body of event `id`. */
  public static String payload(String id) {
    return "payload of " + id;
  }

  /** Binary-mode CloudEvent headers of event `id` and `Nats-Msg-Id` = `id`. */
  public static Headers headers(String id) {
    return new Headers()
        .put("ce-id", id)
        .put("ce-specversion", "1.0")
        .put("ce-source", SOURCE)
        .put("ce-type", "io.openfunction.events.test")
        .put("Nats-Msg-Id", id);
  }

  /** A new message for event `id` (jnats marks a message it sent, so never resend one). */
  public static NatsMessage message(String subject, String id) {
    return NatsMessage.builder()
        .subject(subject)
        .headers(headers(id))
        .data(payload(id).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /**
   * Publishes event `id` until JetStream acknowledged it (a server restart shows up as timeouts for
   * a few seconds); fails after 30 s with the last error.
   */
  public static void publishAcked(JetStream js, String subject, String id) {
    AtomicReference<Exception> last = new AtomicReference<>();
    try {
      Awaitility.await()
          .atMost(PUBLISH_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> published(js, subject, id, last));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("cannot publish " + id + " to " + subject, last.get());
    }
  }

  /** Publishes `evt-from` .. `evt-(to-1)` one after the other, each until acknowledged. */
  public static void publishAcked(JetStream js, String subject, int from, int to) {
    for (int i = from; i < to; i++) publishAcked(js, subject, id(i));
  }

  /** Starts publishing `evt-0` .. `evt-(count-1)`, `perSecond` a second (in ticks of 100 ms). */
  public static EventPublisher start(Connection nc, String subject, int count, int perSecond)
      throws IOException {
    EventPublisher p = new EventPublisher(nc.jetStream(), subject, count);
    int perTick = Math.max(1, perSecond / 10);
    p.timer.scheduleWithFixedDelay(() -> p.tick(perTick), 0, 100, TimeUnit.MILLISECONDS);
    return p;
  }

  /** Every id this publisher sends. */
  public List<String> ids() {
    return ids(0, count);
  }

  /** How many events JetStream acknowledged so far. */
  public int published() {
    return next.get();
  }

  /** The exception that stopped publishing, or null. */
  public Exception failed() {
    return failed;
  }

  /** Waits until every event was published (or publishing failed), then stops the timer. */
  public void await(Duration timeout) throws InterruptedException {
    Awaitility.await().atMost(timeout).until(() -> next.get() >= count || failed != null);
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void tick(int n) {
    for (int k = 0; k < n && next.get() < count && failed == null; k++) {
      try {
        publishAcked(js, subject, id(next.get()));
        next.incrementAndGet();
      } catch (Exception e) {
        failed = e;
      }
    }
  }

  private static boolean published(
      JetStream js, String subject, String id, AtomicReference<Exception> last) {
    try {
      js.publish(message(subject, id));
      return true;
    } catch (Exception e) {
      last.set(e);
      return false;
    }
  }
}
