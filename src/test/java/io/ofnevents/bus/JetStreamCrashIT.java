package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the runtime (a child JVM) while a Trigger delivers thousands of events from the bus to
 * an HTTP sink, then a restart: every event must reach the sink. Duplicates (events delivered but
 * not yet acknowledged when the process died) are allowed and reported with the time their
 * redelivery took.
 */
class JetStreamCrashIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int EVENTS = 3000;
  static final Duration ACK_WAIT = Duration.ofSeconds(2);
  static final String SUBJECT = "default-producer-tick";

  @Test
  void everyEventReachesTheSinkAcrossAKillMinus9(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = Nats.connect(nats.url())) {
      Files.writeString(dir.resolve("resources.yaml"), resources(sink.url("/crash")));
      ManagedRuntime first = ManagedRuntime.start(dir, List.of());
      awaitConsumer(nc, first);
      publish(nc.jetStream());

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> distinct(sink) >= EVENTS / 5);
      first.kill();
      long killedAt = System.nanoTime();
      List<Request> beforeKill = sink.delivered("/crash");
      Set<String> seenBeforeKill = ids(beforeKill);
      assertThat(seenBeforeKill.size())
          .as("the stream was still running at the kill (raise EVENTS otherwise)")
          .isLessThan(EVENTS);

      AtomicLong firstRedeliveryAt = new AtomicLong();
      AtomicLong firstAfterRestartAt = new AtomicLong();
      long restartedAt = System.nanoTime();
      try (ManagedRuntime second = ManagedRuntime.start(dir, List.of())) {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(20))
            .failFast("runtime died", () -> !second.isAlive())
            .until(
                () -> {
                  List<Request> all = sink.delivered("/crash");
                  List<Request> after = all.subList(beforeKill.size(), all.size());
                  if (!after.isEmpty()) firstAfterRestartAt.compareAndSet(0, System.nanoTime());
                  if (after.stream().anyMatch(r -> seenBeforeKill.contains(r.header("ce-id")))) {
                    firstRedeliveryAt.compareAndSet(0, System.nanoTime());
                  }
                  return ids(all).size() == EVENTS;
                });
        long completedAt = System.nanoTime();
        List<Request> all = sink.delivered("/crash");
        int duplicates = all.size() - EVENTS;
        System.out.printf(
            "CRASH-TEST events=%d delivered_before_kill=%d duplicates=%d redelivery_ms=%d"
                + " restart_to_first_delivery_ms=%d kill_to_all_delivered_ms=%d ack_wait_ms=%d%n",
            EVENTS,
            seenBeforeKill.size(),
            duplicates,
            firstRedeliveryAt.get() == 0 ? -1 : millis(killedAt, firstRedeliveryAt.get()),
            millis(restartedAt, firstAfterRestartAt.get()),
            millis(killedAt, completedAt),
            ACK_WAIT.toMillis());
        FaultReport.of(
                "runtime-kill9", sentIds(), all.stream().map(r -> r.header("ce-id")).toList())
            .check();
        assertThat(ids(all)).hasSize(EVENTS);
        assertThat(all)
            .allSatisfy(
                r -> assertThat(r.bodyText()).isEqualTo(EventPublisher.payload(r.header("ce-id"))));
      }
    }
  }

  private static String resources(String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), ACK_WAIT.toSeconds() + "s"),
        Fixtures.trigger("crash", "producer", "tick", sinkUrl, null));
  }

  /** Waits until the runtime created its durable consumer, so no event predates it. */
  private static void awaitConsumer(Connection nc, ManagedRuntime runtime) {
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast("runtime died:\n" + runtime.logTail(30), () -> !runtime.isAlive())
        .ignoreExceptionsInstanceOf(JetStreamApiException.class)
        .until(
            () ->
                nc.jetStreamManagement().getConsumerInfo("OFN_" + SUBJECT, "default-ebft-crash")
                    != null);
  }

  /** Publishes every event at once (asynchronously), as an EventSource does. */
  private static void publish(JetStream js) throws Exception {
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
    for (String id : sentIds()) acks.add(js.publishAsync(EventPublisher.message(SUBJECT, id)));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
  }

  private static List<String> sentIds() {
    return EventPublisher.ids(0, EVENTS);
  }

  private static int distinct(RecordingSink sink) {
    return ids(sink.delivered("/crash")).size();
  }

  private static Set<String> ids(List<Request> requests) {
    Set<String> ids = new HashSet<>();
    requests.forEach(r -> ids.add(r.header("ce-id")));
    return ids;
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }
}
