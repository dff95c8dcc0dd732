package io.ofnevents.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ofn-events run` as a user runs it (a child JVM with its own log4j2.xml) on a NATS bus: the
 * `ofn_*` metrics count exactly what happened to a known set of events, log lines carry the
 * resource, input and event id, and /health/ready follows the NATS connection down and up again.
 */
class ObservabilityIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String TRIGGER = "[Trigger default/watch] input=a id=a-";
  ManagedRuntime runtime;

  @Test
  void metricsLogsAndReadinessTellWhatHappened(@TempDir Path dir) throws Exception {
    AtomicInteger okCalls = new AtomicInteger();
    AtomicInteger clockCalls = new AtomicInteger();
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      sink.respondWith(
          r ->
              switch (r.path()) {
                case "/down" -> 500;
                case "/ok" -> okCalls.incrementAndGet() <= 2 ? 503 : 200;
                case "/clock" -> clockCalls.incrementAndGet() == 1 ? 503 : 200;
                default -> 200;
              });
      Files.writeString(dir.resolve("resources.yaml"), resources(sink.url("")));
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of())) {
        runtime = rt.awaitReady(Duration.ofSeconds(60));
        await()
            .atMost(WAIT)
            .until(
                () ->
                    PlainNats.consumerExists(nc, "default-producer-a", "default-ebft-watch")
                        && PlainNats.consumerExists(
                            nc, "default-producer-b", "default-ebft-watch"));

        publish(nc, "default-producer-b", "b-0");
        await()
            .atMost(WAIT)
            .until(() -> metric("ofn_trigger_events_received_total", "input", "b") == 1);
        for (int i = 0; i < 5; i++) publish(nc, "default-producer-a", "a-" + i);
        await()
            .atMost(WAIT)
            .until(() -> sink.delivered("/ok").size() == 5 && sink.delivered("/dead").size() == 5);

        countsAreExact(sink);
        assertThat(rt.log())
            .containsPattern(
                Pattern.quote(TRIGGER)
                    + "\\d - "
                    + LogLines.regex(LogLines.DEAD_LETTERED).pattern());
        // the clock's first tick (answered 503, then retried) comes on its own schedule
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(rt.log())
                        .containsPattern(
                            Pattern.quote(
                                    "HttpSinkProducer [EventSource default/clock] event=tick id=")
                                + "\\S+ - Event \\S+: POST "
                                + Pattern.quote(sink.url("/clock"))));

        readinessFollowsTheBus(nc, sink);
      }
    }
  }

  private void countsAreExact(RecordingSink sink) {
    String ok = sink.url("/ok");
    String down = sink.url("/down");
    String[] sub0 = {"namespace", "default", "trigger", "watch", "subscriber", "0"};
    String[] sub1 = {"namespace", "default", "trigger", "watch", "subscriber", "1"};
    // counters move after the sink answered: wait for the last of them
    await().atMost(WAIT).until(() -> metric("ofn_sink_dead_lettered_total", "sink", down) == 5);
    PrometheusText m = runtime.metrics();
    assertThat(m.value("ofn_trigger_events_received_total", "trigger", "watch", "input", "a"))
        .isEqualTo(5);
    assertThat(m.value("ofn_trigger_events_failed_total", "input", "a")).isZero();
    // every event evaluates every condition; `a` holds for the five a-events, `a && b` too
    assertThat(m.value("ofn_condition_evaluations_total", sub0)).isEqualTo(6);
    assertThat(m.value("ofn_condition_fires_total", sub0)).isEqualTo(5);
    assertThat(m.value("ofn_subscriber_events_delivered_total", sub0)).isEqualTo(5);
    assertThat(m.value("ofn_condition_evaluations_total", sub1)).isEqualTo(6);
    assertThat(m.value("ofn_condition_fires_total", sub1)).isEqualTo(5);
    assertThat(m.value("ofn_subscriber_events_dead_lettered_total", sub1)).isEqualTo(5);
    assertThat(m.value("ofn_subscriber_events_failed_total", sub1)).isZero();
    assertThat(m.value("ofn_sink_attempts_total", "sink", ok)).isEqualTo(7);
    assertThat(m.value("ofn_sink_retries_total", "sink", ok)).isEqualTo(2);
    assertThat(m.value("ofn_sink_delivered_total", "sink", ok)).isEqualTo(5);
    assertThat(m.value("ofn_sink_delivery_seconds_count", "sink", ok)).isEqualTo(5);
    assertThat(m.value("ofn_sink_delivery_seconds_bucket", "sink", ok, "le", "+Inf")).isEqualTo(5);
    assertThat(m.value("ofn_sink_attempts_total", "sink", down)).isEqualTo(10);
    assertThat(m.value("ofn_sink_failed_total", "sink", down)).isEqualTo(5);
    assertThat(m.value("ofn_sink_delivered_total", "sink", sink.url("/dead"))).isEqualTo(5);
    String[] clock = {"namespace", "default", "eventsource", "clock", "event", "tick"};
    // the clock ticks on its own schedule: its first event (503, then retried) may come later
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              PrometheusText now = runtime.metrics();
              assertThat(now.value("ofn_eventsource_events_read_total", clock)).isPositive();
              assertThat(now.value("ofn_eventsource_events_published_total", clock)).isPositive();
              assertThat(now.value("ofn_eventsource_events_failed_total", clock)).isZero();
            });
    assertThat(m.value("ofn_bus_up")).isEqualTo(1);
    await()
        .atMost(WAIT)
        .until(
            () ->
                metric(
                        "ofn_bus_consumer_pending",
                        "subject",
                        "default-producer-a",
                        "consumer",
                        "default-ebft-watch")
                    == 0);
    assertThat(m.text()).doesNotContain("ce-id").doesNotContain("a-0");
  }

  private void readinessFollowsTheBus(Connection nc, RecordingSink sink) throws Exception {
    nats.server().kill();
    await().atMost(WAIT).ignoreExceptions().until(() -> runtime.status("/health/ready") == 503);
    assertThat(runtime.get("/health/ready").body())
        .contains("\"status\":\"DOWN\"", "bus " + nats.url() + ": NATS at " + nats.url() + " is");
    assertThat(runtime.status("/health/live")).isEqualTo(200);
    assertThat(metric("ofn_bus_up")).isZero();
    assertThat(runtime.log()).containsPattern(LogLines.regex(LogLines.BUS_LOST));

    nats.server().start();
    await().atMost(WAIT).ignoreExceptions().until(() -> runtime.status("/health/ready") == 200);
    assertThat(metric("ofn_bus_up")).isEqualTo(1);
    assertThat(runtime.log()).containsPattern(LogLines.regex(LogLines.BUS_RECONNECTED));
    // and events flow again
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              publish(nc, "default-producer-a", "a-after");
              return sink.deliveredBodies("/ok").contains(EventPublisher.payload("a-after"));
            });
  }

  private static void publish(Connection nc, String subject, String id) throws Exception {
    EventPublisher.publishAcked(nc.jetStream(), subject, id);
  }

  private double metric(String name, String... labels) {
    return runtime.metrics().value(name, labels);
  }

  private static String resources(String sink) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: %1$s
            jetstream: {ackWait: 5s}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: clock}
        spec:
          eventBus: default
          sink: {uri: "%2$s/clock"}
          delivery: {backoffDelay: 50ms}
          cron:
            tick: {schedule: "@every 1s"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: watch}
        spec:
          eventBus: default
          inputs:
            a: {eventSource: producer, event: a}
            b: {eventSource: producer, event: b}
          subscribers:
            - condition: a
              sink: {uri: "%2$s/ok"}
              delivery: {retry: 2, backoffDelay: 50ms}
            - condition: a && b
              sink: {uri: "%2$s/down"}
              delivery: {retry: 1, backoffDelay: 50ms}
              deadLetterSink: {uri: "%2$s/dead"}
        """
        .formatted(nats.url(), sink);
  }
}
