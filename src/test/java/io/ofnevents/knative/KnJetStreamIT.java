package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Knative Brokers on a real JetStream bus: the ingress answers 202 only once JetStream stored the
 * event (503 while the server is down; the sender's retry is stored and delivered once); a
 * Trigger's durable consumer is shared by two runtimes (each event delivered once, FAULT line); a
 * reply is stored before its original is acknowledged, and a reply the bus refuses fails the
 * delivery, so the original is delivered again instead of being acknowledged without its reply.
 */
class KnJetStreamIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static String resources(String natsUrl, String sink, String broker) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: NATS
            jetstream: {ackWait: 5s}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Broker
        metadata: {name: BROKER}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata:
          name: BROKER-all
          annotations: {ofn-events.io/max-deliveries: "2"}
        spec:
          broker: BROKER
          filter: {attributes: {type: order}}
          subscriber: {uri: SINK/BROKER}
        ---
        apiVersion: eventing.knative.dev/v1
        kind: Trigger
        metadata: {name: BROKER-replies}
        spec:
          broker: BROKER
          filter: {attributes: {type: order.reply}}
          subscriber: {uri: SINK/BROKER-replies}
        """
        .replace("NATS", natsUrl)
        .replace("SINK", sink)
        .replace("BROKER", broker);
  }

  @Test
  void theIngressAnswers202OnlyOnceJetStreamStoredTheEvent() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        KnRuntime runtime = KnRuntime.start(resources(nats.url(), sink.url(""), "stored"))) {
      assertThat(runtime.postEvent("/default/stored", "before", "order", "{}").statusCode())
          .isEqualTo(202);
      await().atMost(WAIT).until(() -> sink.delivered("/stored").size() == 1);
      nats.server().stop();
      HttpResponse<String> down = runtime.postEvent("/default/stored", "while-down", "order", "{}");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body())
          .startsWith("the bus could not store the event: ")
          .doesNotContain("\tat ");
      nats.server().start();
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () ->
                  runtime.postEvent("/default/stored", "after", "order", "{}").statusCode() == 202);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  sink.delivered("/stored").stream()
                      .anyMatch(r -> "after".equals(r.header("ce-id"))));
      // A 503 says "not stored, send it again": the sender does, and gets 202. (The NATS client may
      // still have sent the first try once reconnected; JetStream drops the second as a duplicate
      // of the same source and id, so the event is delivered once either way.)
      assertThat(runtime.postEvent("/default/stored", "while-down", "order", "{}").statusCode())
          .isEqualTo(202);
      await().atMost(WAIT).until(() -> delivered(sink, "while-down") >= 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> delivered(sink, "while-down") == 1);
      assertThat(
              runtime
                  .metrics()
                  .value(
                      "ofn_kn_broker_events_refused_total",
                      "broker",
                      "stored",
                      "reason",
                      "unavailable"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  private static long delivered(RecordingSink sink, String id) {
    return sink.delivered("/stored").stream().filter(r -> id.equals(r.header("ce-id"))).count();
  }

  @Test
  void twoRuntimesShareATriggersDurableConsumerAndEachEventIsDeliveredOnce() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml = resources(nats.url(), sink.url(""), "shared");
      try (KnRuntime one = KnRuntime.start(yaml);
          KnRuntime two = KnRuntime.start(yaml)) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          String id = "e" + i;
          KnRuntime via = i % 2 == 0 ? one : two;
          assertThat(via.postEvent("/default/shared", id, "order", "{}").statusCode())
              .isEqualTo(202);
          sent.add(id);
        }
        await().atMost(WAIT).until(() -> sink.delivered("/shared").size() >= sent.size());
        FaultReport.of(
                "kn-shared-trigger-consumer",
                sent,
                sink.delivered("/shared").stream().map(r -> r.header("ce-id")).toList())
            .check();
        double byOne =
            one.metrics().value("ofn_kn_trigger_events_delivered_total", "trigger", "shared-all");
        double byTwo =
            two.metrics().value("ofn_kn_trigger_events_delivered_total", "trigger", "shared-all");
        assertThat(byOne + byTwo).isEqualTo(100);
      }
    }
  }

  @Test
  void aReplyIsStoredBeforeItsOriginalIsAcknowledged() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      sink.answerWith(
          r ->
              r.path().equals("/replying")
                  ? RecordingSink.Answer.event(
                      Map.of(
                          "ce-specversion", "1.0",
                          "ce-id", "reply-" + r.header("ce-id"),
                          "ce-source", "/r",
                          "ce-type", "order.reply"),
                      "application/json",
                      "{}")
                  : RecordingSink.Answer.status(200));
      try (KnRuntime runtime = KnRuntime.start(resources(nats.url(), sink.url(""), "replying"))) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          runtime.postEvent("/default/replying", "o" + i, "order", "{}");
          sent.add("reply-o" + i);
        }
        await().atMost(WAIT).until(() -> sink.delivered("/replying-replies").size() >= 20);
        FaultReport.of(
                "kn-replies-jetstream",
                sent,
                sink.delivered("/replying-replies").stream().map(r -> r.header("ce-id")).toList())
            .check();
      }
    }
  }

  @Test
  void aReplyTheBusRefusesFailsTheDeliverySoTheOriginalIsDeliveredAgain() throws Exception {
    try (NatsServer small = NatsServer.builder().maxPayload(64 * 1024).build();
        RecordingSink sink = RecordingSink.start()) {
      small.start();
      String big = "\"" + "z".repeat(100 * 1024) + "\"";
      sink.answerWith(
          r ->
              RecordingSink.Answer.event(
                  Map.of(
                      "ce-specversion", "1.0",
                      "ce-id", "too-big",
                      "ce-source", "/r",
                      "ce-type", "order.reply"),
                  "application/json",
                  big));
      try (KnRuntime runtime = KnRuntime.start(resources(small.url(), sink.url(""), "refused"))) {
        runtime.postEvent("/default/refused", "o1", "order", "{}");
        // not acknowledged: JetStream delivers it again after the nak's backoff
        await()
            .atMost(WAIT)
            .until(
                () ->
                    sink.requests().stream()
                            .filter(
                                r -> r.path().equals("/refused") && "o1".equals(r.header("ce-id")))
                            .count()
                        >= 2);
        assertThat(sink.delivered("/refused-replies")).isEmpty();
        // on its second delivery it is parked: the original as its subscriber got it, not the
        // reply that replaced it in the delivery route
        ParkedEvents parked = new ParkedEvents(runtime.runtime().context());
        await()
            .atMost(WAIT)
            .until(() -> !parked.list("default/kn-trigger:refused-all", 10).isEmpty());
        ParkedEvents.Parked p = parked.list("default/kn-trigger:refused-all", 10).get(0);
        assertThat(p.event().eventId()).isEqualTo("o1");
        assertThat(p.event().headers()).containsEntry("ce-type", "order");
        assertThat(new String(p.event().body(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo("{}");
        assertThat(
                runtime
                    .metrics()
                    .value("ofn_kn_trigger_events_failed_total", "trigger", "refused-all"))
            .isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void theConcurrencyAnnotationOverlapsEventsAtASlowSinkAndDeliversEachOnce() throws Exception {
    int events = 8;
    int overlap = 4;
    CountDownLatch together = new CountDownLatch(overlap);
    String yaml =
        resources(nats.url(), "SINK", "wide")
            .replace(
                "annotations: {ofn-events.io/max-deliveries: \"2\"}",
                "annotations: {ofn-events.io/concurrency: \"" + overlap + "\"}");
    try (RecordingSink sink = RecordingSink.start();
        KnRuntime runtime = KnRuntime.start(yaml.replace("SINK", sink.url("")))) {
      // each request waits (up to 8 s, under the delivery timeout) until `overlap` are in flight:
      // one at a time, none would ever see the others
      sink.respondWith(
          req -> {
            together.countDown();
            try {
              together.await(8, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return 200;
          });
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        sent.add("w" + i);
        assertThat(runtime.postEvent("/default/wide", "w" + i, "order", "{}").statusCode())
            .isEqualTo(202);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .alias(overlap + " requests in flight at the sink at once")
          .until(() -> together.getCount() == 0);
      await().atMost(WAIT).until(() -> sink.delivered("/wide").size() >= events);
      FaultReport report =
          FaultReport.of(
                  "kn-trigger-concurrency",
                  sent,
                  sink.delivered("/wide").stream().map(r -> r.header("ce-id")).toList())
              .check();
      assertThat(report.duplicates()).isZero();
    }
  }
}
