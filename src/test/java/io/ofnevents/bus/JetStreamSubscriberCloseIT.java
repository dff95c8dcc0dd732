package io.ofnevents.bus;

import static io.ofnevents.bus.BusFixtures.event;
import static io.ofnevents.bus.BusFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.api.ConsumerInfo;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.bus.nats.JetStreamBus;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.ServerExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a JetStream subscription while a long delivery holds every permit and the fetcher waits
 * for room: nothing pulled during the close may be left unacknowledged (it would sit out AckWait
 * before anyone else got it), and nothing may pull again after the close.
 */
class JetStreamSubscriberCloseIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  // long, so that an event left unacknowledged by the closed subscription shows as pending
  static final Duration ACK_WAIT = Duration.ofSeconds(120);
  static final String SUBJECT = "closing";
  static final String DURABLE = "closer";

  @Test
  void aCloseHandsBackWhatItPulledAndNothingPullsAfterIt() throws Exception {
    // maxAckPending 1: one event at a time, so the fetcher waits for room while e-1 runs
    ConsumerSettings settings =
        new ConsumerSettings(DURABLE, true, 1, ACK_WAIT, -1, 1, "new", null, null);
    List<String> handled = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (JetStreamBus bus = bus();
        Connection nc = PlainNats.connect(nats.url())) {
      Subscription s =
          bus.subscribe(
              SUBJECT,
              settings,
              (m, d) -> {
                handled.add(m.id());
                if (m.id().equals("e-1")) release.await(60, TimeUnit.SECONDS);
              });
      for (String id : List.of("e-1", "e-2", "e-3")) bus.publish(SUBJECT, event(id, id));
      await().atMost(TIMEOUT).until(() -> handled.contains("e-1"));

      Thread[] closer = new Thread[1];
      CompletableFuture<Void> closed =
          CompletableFuture.runAsync(
              () -> {
                closer[0] = Thread.currentThread();
                s.close();
              });
      // the close waits for the running delivery; only then does e-1 finish
      await().atMost(TIMEOUT).until(() -> closer[0] != null && waitsForDeliveries(closer[0]));
      release.countDown();
      closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      assertThat(handled).containsExactly("e-1");
      // e-1 acknowledged; e-2 (if it was pulled at all) handed back, not held for AckWait
      await().atMost(TIMEOUT).until(() -> info(nc).getNumAckPending() == 0);
      assertThat(info(nc).getNumPending()).isEqualTo(2);
      // and no pull request of the closed subscription is left with the server
      await()
          .during(Duration.ofSeconds(2))
          .atMost(TIMEOUT)
          .until(() -> info(nc).getNumWaiting() == 0 && info(nc).getNumAckPending() == 0);
      assertThat(handled).containsExactly("e-1");

      // the next subscriber of the durable gets the rest at once, not after AckWait
      List<String> next = new CopyOnWriteArrayList<>();
      try (Subscription again = bus.subscribe(SUBJECT, settings, (m, d) -> next.add(m.id()))) {
        await().atMost(TIMEOUT).until(() -> next.containsAll(List.of("e-2", "e-3")));
      }
    }
  }

  private static boolean waitsForDeliveries(Thread t) {
    return Arrays.stream(t.getStackTrace())
        .anyMatch(f -> f.getMethodName().equals("awaitIdle")); // Lane.awaitIdle, in close()
  }

  private static ConsumerInfo info(Connection nc) throws Exception {
    return nc.jetStreamManagement().getConsumerInfo(Names.stream(SUBJECT), DURABLE);
  }

  private static JetStreamBus bus() {
    return new JetStreamBus(options("driver", "jetstream", "servers", nats.url()), "replica-a");
  }
}
