package io.ofnevents.bus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.impl.Headers;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trigger features that no test ran through real routes before, each on the JetStream bus with
 * compiled resources and an HTTP sink: `deliver: all` (the batch, read by the official SDK),
 * `spec.concurrency` (events overlap at a slow sink, each delivered once) and `resetOnFire` (a
 * firing consumes its inputs, and exactly one event claims it, also across two replicas).
 */
class TriggerFeaturesIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  static final Duration WAIT = Duration.ofSeconds(30);
  static final EventFormat SDK_JSON =
      EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

  @Test
  void deliverAllSendsABatchOfTheLatestEventOfEachTrueInput() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url());
        TestRuntime rt = TestRuntime.start(bus() + trigger("batch", "deliver: all", sink))) {
      awaitConsumers(nc, "batch");
      publish(nc, "default-batch-a", "a-1", "application/json", "{\"n\":1}");
      await().atMost(WAIT).until(() -> acked(nc, "default-batch-a", "default-ebft-batch", 1));
      publish(nc, "default-batch-b", "b-1", "text/plain", "caf\u00e9");
      await().atMost(WAIT).until(() -> sink.delivered("/batch").size() == 1);

      Request r = sink.delivered("/batch").get(0);
      // batched content mode: the SDK has no batch reader, so each element is read as a
      // structured event; the ce- headers of the event that fired stay for ids downstream
      assertThat(r.header("content-type")).isEqualTo("application/cloudevents-batch+json");
      assertThat(r.header("ce-id")).as("the event that fired").isEqualTo("b-1");
      JsonNode batch = new ObjectMapper().readTree(r.body());
      List<CloudEvent> events = new ArrayList<>();
      batch.forEach(e -> events.add(SDK_JSON.deserialize(e.toString().getBytes(UTF_8))));
      assertThat(events).extracting(CloudEvent::getId).containsExactly("a-1", "b-1");
      assertThat(events)
          .allSatisfy(e -> assertThat(e.getSource().toString()).isEqualTo(EventPublisher.SOURCE));
      assertThat(new String(events.get(0).getData().toBytes(), UTF_8)).isEqualTo("{\"n\":1}");
      assertThat(events.get(1).getDataContentType()).isEqualTo("text/plain");
      assertThat(new String(events.get(1).getData().toBytes(), UTF_8)).isEqualTo("café");
    }
  }

  @Test
  void concurrencyOverlapsEventsAtASlowSinkAndDeliversEachOnce() throws Exception {
    int events = 8;
    int overlap = 4;
    CountDownLatch together = new CountDownLatch(overlap);
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url());
        TestRuntime rt = TestRuntime.start(bus() + concurrent(sink, overlap))) {
      // each request waits (up to 8 s, under the sink timeout) until `overlap` are in flight
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
      await()
          .atMost(WAIT)
          .until(() -> PlainNats.consumerExists(nc, "default-src-c", "default-ebft-wide"));
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        sent.add("c-" + i);
        publish(nc, "default-src-c", "c-" + i, "text/plain", "event " + i);
      }
      await()
          .atMost(Duration.ofSeconds(5))
          .alias(overlap + " requests in flight at the sink at once")
          .until(() -> together.getCount() == 0);
      await().atMost(WAIT).until(() -> sink.delivered("/wide").size() >= events);
      await().atMost(WAIT).until(() -> acked(nc, "default-src-c", "default-ebft-wide", events));
      List<String> delivered =
          sink.delivered("/wide").stream().map(q -> q.header("ce-id")).toList();
      FaultReport report = FaultReport.of("trigger-concurrency", sent, delivered).check();
      assertThat(report.duplicates()).isZero();
    }
  }

  @Test
  void resetOnFireConsumesTheInputsAndOneEventClaimsEachFiringAcrossReplicas() throws Exception {
    String resources = bus() + trigger("reset", "resetOnFire: true, store: nats", null);
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      resources = resources.replace("SINK", sink.url("/reset"));
      try (TestRuntime one = TestRuntime.start(resources);
          TestRuntime two = TestRuntime.start(resources)) {
        awaitConsumers(nc, "reset");
        // a then b fires; a again alone does not (b was consumed), b then fires again
        publish(nc, "default-reset-a", "a-1", "text/plain", "x");
        await().atMost(WAIT).until(() -> acked(nc, "default-reset-a", "default-ebft-reset", 1));
        publish(nc, "default-reset-b", "b-1", "text/plain", "x");
        await().atMost(WAIT).until(() -> sink.delivered("/reset").size() == 1);
        publish(nc, "default-reset-a", "a-2", "text/plain", "x");
        await().atMost(WAIT).until(() -> acked(nc, "default-reset-a", "default-ebft-reset", 2));
        publish(nc, "default-reset-b", "b-2", "text/plain", "x");
        await().atMost(WAIT).until(() -> sink.delivered("/reset").size() == 2);
        assertThat(ids(sink)).containsExactly("b-1", "b-2");

        // a and b at once, round after round: both may see a && b, exactly one fires
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
          String a = "a-r" + i;
          String b = "b-r" + i;
          CompletableFuture.allOf(
                  CompletableFuture.runAsync(() -> publishQuietly(nc, "default-reset-a", a)),
                  CompletableFuture.runAsync(() -> publishQuietly(nc, "default-reset-b", b)))
              .get();
          long seq = i + 3;
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      acked(nc, "default-reset-a", "default-ebft-reset", seq)
                          && acked(nc, "default-reset-b", "default-ebft-reset", seq));
          assertThat(ids(sink).subList(2, ids(sink).size()))
              .as("firings after round %d", i)
              .hasSize(i + 1)
              .last()
              .isIn(a, b);
        }
      }
    }
  }

  private static List<String> ids(RecordingSink sink) {
    return sink.delivered("/reset").stream().map(r -> r.header("ce-id")).toList();
  }

  /** Waits for the Trigger `name`'s consumers of its inputs a and b, from EventSource `name`. */
  private static void awaitConsumers(Connection nc, String name) {
    String durable = "default-ebft-" + name;
    await()
        .atMost(WAIT)
        .until(
            () ->
                PlainNats.consumerExists(nc, "default-" + name + "-a", durable)
                    && PlainNats.consumerExists(nc, "default-" + name + "-b", durable));
  }

  private static void publish(Connection nc, String subject, String id, String type, String data)
      throws Exception {
    Headers h = PlainNats.event(id).put("Content-Type", type).put("ce-subject", "s%20" + id);
    PlainNats.publish(nc, subject, h, data.getBytes(UTF_8));
  }

  private static void publishQuietly(Connection nc, String subject, String id) {
    try {
      publish(nc, subject, id, "text/plain", "x");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether `durable` has acknowledged the first `count` messages of `subject`'s stream. */
  private static boolean acked(Connection nc, String subject, String durable, long count)
      throws Exception {
    try {
      return nc.jetStreamManagement()
              .getConsumerInfo("OFN_" + subject, durable)
              .getAckFloor()
              .getStreamSequence()
          >= count;
    } catch (JetStreamApiException notYet) {
      return false;
    }
  }

  private static String bus() {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: %s
            jetstream: {ackWait: 10s}
        ---
        """
        .formatted(nats.url());
  }

  private static String trigger(String name, String state, RecordingSink sink) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: %1$s}
        spec:
          eventBus: default
          conditionState: {%2$s}
          inputs:
            a: {eventSource: %1$s, event: a}
            b: {eventSource: %1$s, event: b}
          subscribers:
            - condition: a && b
              sink: {uri: "%3$s"}
        """
        .formatted(name, state, sink == null ? "SINK" : sink.url("/" + name));
  }

  private static String concurrent(RecordingSink sink, int concurrency) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: wide}
        spec:
          eventBus: default
          concurrency: %d
          inputs:
            c: {eventSource: src, event: c}
          subscribers:
            - condition: c
              sink: {uri: "%s"}
        """
        .formatted(concurrency, sink.url("/wide"));
  }
}
