package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Trigger (`a && b`, `conditionState.store: nats`) run by two runtime processes: the replicas
 * share each input's durable consumer (a queue), so every event goes to one of them, and the
 * condition state is one key in JetStream KV, so `a` received by one replica and `b` by the other
 * still fire. Every event is delivered; the throughput of the two is printed, not asserted.
 */
class ScaleOutIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final Duration WAIT = Duration.ofSeconds(90);
  static final int EVENTS = 2000;
  static final String A = "default-src-a";
  static final String B = "default-src-b";

  @Test
  void twoReplicasShareTheEventsAndTheConditionState(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      Files.writeString(dir.resolve("resources.yaml"), resources(sink.url("/pair")));
      try (ManagedRuntime r1 = ManagedRuntime.start(dir, List.of(), "OFN_REPLICA_ID=r1");
          ManagedRuntime r2 = ManagedRuntime.start(dir, List.of(), "OFN_REPLICA_ID=r2")) {
        r1.awaitReady(WAIT);
        r2.awaitReady(WAIT);
        List<ManagedRuntime> replicas = List.of(r1, r2);
        JetStream js = nc.jetStream();

        // `a` reaches one replica; `b`s are published until one reaches the other, which has
        // never seen an `a` itself, and it fires there from the shared state
        EventPublisher.publishAcked(js, A, "a-1");
        await().atMost(WAIT).until(() -> total(replicas, "a") == 1);
        ManagedRuntime withA = received(r1, "a") == 1 ? r1 : r2;
        ManagedRuntime other = withA == r1 ? r2 : r1;
        List<String> crossed = new ArrayList<>();
        for (int i = 1; i <= 40 && received(other, "b") == 0; i++) {
          String id = "b-" + i;
          EventPublisher.publishAcked(js, B, id);
          int expected = i;
          await().atMost(WAIT).until(() -> total(replicas, "b") == expected);
          if (received(other, "b") == 1) crossed.add(id);
        }
        assertThat(crossed).as("a `b` event that reached the replica without the `a`").hasSize(1);
        String id = crossed.get(0);
        await().atMost(WAIT).until(() -> delivered(sink).contains(id));
        assertThat(received(other, "a")).as("`a` events at the replica that fired").isZero();
        // the meter is counted after the subscriber's delivery returns, so it may lag the sink
        await().atMost(WAIT).until(() -> metric(other, "ofn_condition_fires_total") >= 1);

        // throughput of the two: every event from now on fires (both inputs are in the state)
        double r1Before = received(r1, "a") + received(r1, "b");
        double r2Before = received(r2, "a") + received(r2, "b");
        double two = burst(sink, js, "two-", "scale-out/two-replicas");
        double r1Took = received(r1, "a") + received(r1, "b") - r1Before;
        double r2Took = received(r2, "a") + received(r2, "b") - r2Before;
        assertThat(r1Took).as("events the first replica took").isPositive();
        assertThat(r2Took).as("events the second replica took").isPositive();
        // and of one alone, on the same state, for the per-replica figure
        assertThat(r2.terminate(WAIT)).isZero();
        double one = burst(sink, js, "one-", "scale-out/one-replica");
        System.out.printf(
            Locale.ROOT,
            "SCALE-OUT events=%d two_replicas_eps=%.0f (r1 took %.0f, r2 %.0f) one_replica_eps=%.0f"
                + " load=%s%n",
            EVENTS,
            two,
            r1Took,
            r2Took,
            one,
            Files.readString(Path.of("/proc/loadavg")).trim());
      }
    }
  }

  /** Publishes EVENTS events over both inputs at once and waits for all: events per second. */
  private static double burst(RecordingSink sink, JetStream js, String prefix, String fault)
      throws Exception {
    sink.clear();
    List<String> sent = EventPublisher.ids(0, EVENTS).stream().map(i -> prefix + i).toList();
    long start = System.nanoTime();
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      acks.add(js.publishAsync(EventPublisher.message(i % 2 == 0 ? A : B, sent.get(i))));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> delivered(sink).containsAll(sent));
    double seconds = (System.nanoTime() - start) / 1e9;
    FaultReport.of(fault, sent, delivered(sink)).check();
    return EVENTS / seconds;
  }

  private static List<String> delivered(RecordingSink sink) {
    return sink.delivered("/pair").stream().map(r -> r.header("ce-id")).toList();
  }

  private static double total(List<ManagedRuntime> replicas, String input) {
    return replicas.stream().mapToDouble(r -> received(r, input)).sum();
  }

  /** Events of `input` that replica `r` received from the bus (its own counter). */
  private static double received(ManagedRuntime r, String input) {
    PrometheusText m = r.metrics();
    return m.find("ofn_trigger_events_received_total", "input", input).stream()
        .mapToDouble(PrometheusText.Sample::value)
        .sum();
  }

  private static double metric(ManagedRuntime r, String name) {
    return r.metrics().find(name).stream().mapToDouble(PrometheusText.Sample::value).sum();
  }

  private static String resources(String sinkUrl) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats: {url: "%s"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: pair}
        spec:
          eventBus: default
          concurrency: 8
          conditionState: {store: nats, window: 1h}
          inputs:
            a: {eventSource: src, event: a}
            b: {eventSource: src, event: b}
          subscribers:
            - condition: a && b
              sink: {uri: "%s"}
        """
        .formatted(nats.url(), sinkUrl);
  }
}
