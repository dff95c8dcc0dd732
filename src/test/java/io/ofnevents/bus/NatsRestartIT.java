package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * nats-server restarted (same store) while a Trigger delivers, and a sink that fails its first
 * calls: every event reaches both subscribers; a failed one is redelivered from the bus.
 */
class NatsRestartIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int BEFORE = 1000;
  static final int AFTER = 500;
  static final int FAILING_CALLS = 30;
  static final String SUBJECT = "default-producer-tick";

  @Test
  void nothingIsLostAcrossAServerRestartAndAFailingSink() throws Exception {
    AtomicInteger flakyCalls = new AtomicInteger();
    int atRestart;
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      sink.respondWith(
          r ->
              r.path().equals("/flaky") && flakyCalls.incrementAndGet() <= FAILING_CALLS
                  ? 503
                  : 200);
      try (TestRuntime rt = TestRuntime.start(resources(sink.url("")))) {
        JetStream js = nc.jetStream();
        EventPublisher.publishAcked(js, SUBJECT, 0, BEFORE);
        await().atMost(Duration.ofSeconds(30)).until(() -> distinct(sink, "/steady") >= 100);
        atRestart = distinct(sink, "/steady");
        nats.server().restart();
        assertThat(atRestart).as("the restart came mid-stream").isLessThan(BEFORE);
        EventPublisher.publishAcked(js, SUBJECT, BEFORE, BEFORE + AFTER);

        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    distinct(sink, "/steady") == BEFORE + AFTER
                        && distinct(sink, "/flaky") == BEFORE + AFTER);
      }
      List<Request> steady = sink.delivered("/steady");
      System.out.printf(
          "RESTART-TEST events=%d delivered_at_restart=%d failed_sink_calls=%d"
              + " duplicates_steady=%d duplicates_flaky=%d%n",
          BEFORE + AFTER,
          atRestart,
          FAILING_CALLS,
          steady.size() - (BEFORE + AFTER),
          sink.delivered("/flaky").size() - (BEFORE + AFTER));
      List<String> sent = EventPublisher.ids(0, BEFORE + AFTER);
      FaultReport.of("nats-restart/steady-sink", sent, ids(steady)).check();
      FaultReport.of("nats-restart/failing-sink", sent, ids(sink.delivered("/flaky"))).check();
      assertThat(flakyCalls.get()).isGreaterThan(FAILING_CALLS);
    }
  }

  private static String resources(String sinkBase) {
    return Fixtures.jetStreamBus(nats.url(), "5s")
        + """
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: restart}
        spec:
          eventBus: default
          inputs:
            tick: {eventSource: producer, event: tick}
          subscribers:
            - condition: tick
              sink: {uri: "%1$s/flaky"}
              delivery: {retry: 0}
            - condition: tick
              sink: {uri: "%1$s/steady"}
        """
            .formatted(sinkBase);
  }

  private static List<String> ids(List<Request> requests) {
    return requests.stream().map(r -> r.header("ce-id")).toList();
  }

  private static int distinct(RecordingSink sink, String path) {
    Set<String> ids = new HashSet<>();
    sink.delivered(path).forEach(r -> ids.add(r.header("ce-id")));
    return ids.size();
  }
}
