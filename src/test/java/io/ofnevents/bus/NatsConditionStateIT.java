package io.ofnevents.bus;

import static io.ofnevents.bus.BusFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.KeyValueEntry;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.trigger.KvConditionStore;
import io.ofnevents.runtime.trigger.Snapshot;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `conditionState.store: nats`: Trigger state in JetStream KV, kept across restarts and shared. */
class NatsConditionStateIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void aPartlySatisfiedConditionSurvivesARuntimeRestart() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = Nats.connect(nats.url())) {
      String resources = resources(sink.url(""));
      try (TestRuntime first = TestRuntime.start(resources)) {
        publish(nc, "default-src-a", "a-1");
        await().atMost(TIMEOUT).until(() -> state(nc, "kv").contains("\"a\""));
        await().atMost(TIMEOUT).until(() -> acked(nc, "default-src-a", "default-ebft-mem", 1));
      }
      try (TestRuntime second = TestRuntime.start(resources)) {
        publish(nc, "default-src-b", "b-1");
        await().atMost(TIMEOUT).until(() -> !sink.delivered("/kv").isEmpty());
        await().atMost(TIMEOUT).until(() -> acked(nc, "default-src-b", "default-ebft-mem", 1));
      }
      assertThat(sink.delivered("/kv"))
          .singleElement()
          .satisfies(r -> assertThat(r.header("ce-id")).isEqualTo("b-1"));
      // the same condition with the in-memory store forgot `a` with the restart
      assertThat(sink.delivered("/mem")).isEmpty();
    }
  }

  @Test
  void replicasUpdatingOneTriggerConcurrentlyLoseNoInputAndFireOnce() throws Exception {
    BusOptions o = options("driver", "jetstream", "servers", nats.url());
    Duration window = Duration.ofMinutes(1);
    try (KvConditionStore one = KvConditionStore.open(o, "default/shared", window, false);
        KvConditionStore two = KvConditionStore.open(o, "default/shared", window, false)) {
      Instant now = Instant.now();
      CompletableFuture<Void> x = CompletableFuture.runAsync(() -> recordMany(one, "x", now));
      CompletableFuture<Void> y = CompletableFuture.runAsync(() -> recordMany(two, "y", now));
      CompletableFuture.allOf(x, y).get();
      Snapshot snapshot = one.record(List.of("z"), "z-1", null, now);
      assertThat(snapshot.truth()).containsEntry("x", true).containsEntry("y", true);
      assertThat(snapshot.inputs().get("x").lastEventId()).isEqualTo("x-99");
      assertThat(snapshot.inputs().get("y").lastEventId()).isEqualTo("y-99");
      // resetOnFire: two events, one per replica, both saw x and y true; only one may fire
      Snapshot other = two.record(List.of("z"), "z-2", null, now);
      CompletableFuture<Boolean> c1 = CompletableFuture.supplyAsync(() -> consume(one, snapshot));
      CompletableFuture<Boolean> c2 = CompletableFuture.supplyAsync(() -> consume(two, other));
      assertThat(List.of(c1.get(), c2.get())).containsExactlyInAnyOrder(true, false);
      assertThat(consume(one, c1.get() ? snapshot : other))
          .as("the winner's redelivered event claims again")
          .isTrue();
      Snapshot later = two.record(List.of("z"), "z-3", null, now.plusSeconds(1));
      assertThat(later.truth()).containsEntry("x", false).containsEntry("y", false);
    }
  }

  private static void recordMany(KvConditionStore store, String input, Instant now) {
    try {
      for (int i = 0; i < 100; i++) store.record(List.of(input), input + "-" + i, null, now);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean consume(KvConditionStore store, Snapshot s) {
    try {
      return store.consume(Set.of("x", "y"), s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resources(String sinkBase) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats: {url: "%1$s"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: kv}
        spec:
          eventBus: default
          conditionState: {store: nats, window: 1m}
          inputs:
            a: {eventSource: src, event: a}
            b: {eventSource: src, event: b}
          subscribers:
            - condition: a && b
              sink: {uri: "%2$s/kv"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: mem}
        spec:
          eventBus: default
          conditionState: {window: 1m}
          inputs:
            a: {eventSource: src, event: a}
            b: {eventSource: src, event: b}
          subscribers:
            - condition: a && b
              sink: {uri: "%2$s/mem"}
        """
        .formatted(nats.url(), sinkBase);
  }

  private static void publish(Connection nc, String subject, String id) throws Exception {
    EventPublisher.publishAcked(nc.jetStream(), subject, id);
  }

  private static String state(Connection nc, String trigger) throws Exception {
    KeyValueEntry e =
        nc.keyValue(Names.STATE_BUCKET).get(Names.triggerStateKey("default", trigger));
    return e == null ? "" : new String(e.getValue(), StandardCharsets.UTF_8);
  }

  /** Whether `durable` has acknowledged the first `count` messages of `subject`'s stream. */
  private static boolean acked(Connection nc, String subject, String durable, long count)
      throws Exception {
    try {
      ConsumerInfo info = nc.jetStreamManagement().getConsumerInfo(Names.stream(subject), durable);
      return info.getAckFloor().getStreamSequence() >= count;
    } catch (JetStreamApiException notYet) {
      return false;
    }
  }
}
