package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sink that goes away for a while, in three ways one after the other, while events keep flowing
 * from the NATS JetStream bus through a Trigger: it answers 503, then refuses connections, then
 * hangs past the delivery timeout; then it is back. Every event must arrive; duplicates (the
 * requests the sink took but answered too late) are reported.
 */
class SinkOutageIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int EVENTS = 400;
  static final String SUBJECT = "default-producer-tick";
  static final Duration OUTAGE_PHASE = Duration.ofSeconds(3);

  @Test
  void nothingIsLostWhileTheSinkIsDownRefusingOrHanging() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url());
        TestRuntime rt = TestRuntime.start(resources(sink.url("/outage")))) {
      EventPublisher publisher = EventPublisher.start(nc, SUBJECT, EVENTS, 40);
      await().atMost(Duration.ofSeconds(30)).until(() -> delivered(sink) >= EVENTS / 5);

      sink.respondWith(r -> 503);
      int before503 = sink.requests().size();
      await() // the Trigger keeps trying: its attempts reach the sink and are refused
          .atMost(Duration.ofSeconds(10))
          .until(() -> sink.requests().size() - before503 >= 5);
      int deliveredAtOutage = delivered(sink);
      // while the sink answers 503 nothing counts as delivered
      await()
          .during(OUTAGE_PHASE)
          .atMost(OUTAGE_PHASE.plusSeconds(2))
          .until(() -> delivered(sink) == deliveredAtOutage);

      sink.pause(); // connection refused
      await()
          .during(OUTAGE_PHASE)
          .atMost(OUTAGE_PHASE.plusSeconds(2))
          .until(() -> delivered(sink) == deliveredAtOutage);
      sink.resume();

      // it takes requests again but answers after the 500 ms timeout: the Trigger retries them
      sink.respondWith(r -> 200);
      sink.delay(Duration.ofMillis(1200));
      int beforeHang = sink.requests().size();
      await().atMost(Duration.ofSeconds(15)).until(() -> sink.requests().size() - beforeHang >= 4);
      sink.delay(Duration.ZERO);

      publisher.await(Duration.ofSeconds(30));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> delivered(sink) == EVENTS || publisher.failed() != null);
      assertThat(publisher.failed()).isNull();
      List<String> deliveries =
          sink.delivered("/outage").stream().map(r -> r.header("ce-id")).toList();
      System.out.printf(
          "[sink-outage] delivered before the outage %d, sink requests answered 503: %d%n",
          deliveredAtOutage, sink.requests().stream().filter(r -> r.status() == 503).count());
      FaultReport.of("sink-outage", publisher.ids(), deliveries).check();
      metricsAgree(rt, sink);
    }
  }

  /**
   * The runtime's own counters tell the same story: every event delivered once from its point of
   * view (the duplicates are requests it saw time out), and every failed delivery redelivered.
   */
  private static void metricsAgree(TestRuntime rt, RecordingSink sink) {
    MeterRegistry m = Meters.registry(rt.runtime().context());
    String url = sink.url("/outage");
    // The sink records a request before the runtime has read its answer and counted it, so the
    // last delivery's counters may lag the sink's record by a moment.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(m.get(Meters.SINK_DELIVERED).tag("sink", url).counter().count())
                  .isEqualTo(EVENTS);
              assertThat(
                      m.get(Meters.SUBSCRIBER_DELIVERED).tag("trigger", "outage").counter().count())
                  .isEqualTo(EVENTS);
              double received =
                  m.get(Meters.TRIGGER_RECEIVED).tag("trigger", "outage").counter().count();
              double failed =
                  m.get(Meters.TRIGGER_FAILED).tag("trigger", "outage").counter().count();
              assertThat(received - failed).isEqualTo(EVENTS);
            });
    double received = m.get(Meters.TRIGGER_RECEIVED).tag("trigger", "outage").counter().count();
    double attempts = m.get(Meters.SINK_ATTEMPTS).tag("sink", url).counter().count();
    System.out.printf(
        "[sink-outage] runtime counted: received %.0f (redeliveries %.0f), sink attempts %.0f%n",
        received, received - EVENTS, attempts);
    // the sink saw every attempt except those refused while it was down
    assertThat(attempts).isGreaterThanOrEqualTo(sink.requests().size());
  }

  private static int delivered(RecordingSink sink) {
    return (int) sink.delivered("/outage").stream().map(r -> r.header("ce-id")).distinct().count();
  }

  private static String resources(String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        Fixtures.trigger(
            "outage",
            "producer",
            "tick",
            sinkUrl,
            "{retry: 1, backoffDelay: 100ms, timeout: 500ms}"));
  }
}
