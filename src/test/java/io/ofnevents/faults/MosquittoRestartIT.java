package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.ServerLog;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * mosquitto (with persistence, as a broker that must not lose QoS 1 messages runs) restarted while
 * messages flow from an MQTT QoS 1 source to a slow sink, so that a backlog waits in the source's
 * session at the broker when it stops, and while the sink holds one delivery: the session and its
 * backlog survive the restart, the source reconnects (without waiting for the delivery in progress)
 * and every message reaches the sink.
 */
class MosquittoRestartIT {
  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto =
      ServerExtension.of(MosquittoServer.create().persistent());

  static final int MESSAGES = 400;
  static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void nothingIsLostWhenTheBrokerRestarts() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hold = new AtomicBoolean();
    AtomicInteger held = new AtomicInteger();
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt = TestRuntime.start(eventSource(sink.url("/mqtt")))) {
      sink.respondWith(r -> hold.get() && held.getAndIncrement() == 0 ? holdUntil(release) : 200);
      await().atMost(WAIT).until(() -> subscribed(rt));
      // about 15 deliveries a second against 40 published: a backlog builds up at the broker
      sink.delay(Duration.ofMillis(50));
      try (MqttPublisher pub =
          MqttPublisher.start(mosquitto.url(), "restart/orders", "r-", MESSAGES, 40)) {
        await().atMost(WAIT).until(() -> distinct(sink) >= MESSAGES / 4);
        // the sink holds the next delivery through the restart: the source must reconnect anyway
        hold.set(true);
        await().atMost(WAIT).until(() -> held.get() > 0);
        int atRestart = distinct(sink);
        int publishedAtRestart = pub.published();
        ServerLog log = mosquitto.server().log();
        long offset = log.size();
        mosquitto.server().restart();
        boolean reconnectedWhileBusy = true;
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> log.since(offset).contains("as default-restart-orders ("));
        } catch (ConditionTimeoutException e) {
          reconnectedWhileBusy = false;
        }
        release.countDown();
        sink.delay(Duration.ZERO);

        try {
          await().atMost(WAIT).until(() -> pub.done() && distinct(sink) == MESSAGES);
        } catch (ConditionTimeoutException e) {
          // fall through: the report below names what is missing
        }
        assertThat(pub.done()).as("publishing finished (%d published)", pub.published()).isTrue();
        FaultReport report =
            FaultReport.of("mosquitto-restart", pub.ids(), sink.deliveredBodies("/mqtt")).check();
        System.out.printf(
            "[mosquitto-restart] %d delivered and %d published at the restart (a backlog of %d);"
                + " %d publishes retried; %d duplicates%n",
            atRestart,
            publishedAtRestart,
            publishedAtRestart - atRestart,
            pub.retries(),
            report.duplicates());
        assertThat(publishedAtRestart - atRestart)
            .as("messages waiting at the broker when it stopped")
            .isPositive();
        assertThat(reconnectedWhileBusy)
            .as("the source reconnected while a delivery was still in progress")
            .isTrue();
      }
    }
  }

  /** Holds a sink request until `release` (at most a minute); then answers 200. */
  private static int holdUntil(CountDownLatch release) {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 200;
  }

  /** The MQTT consumer's own readiness check is UP: it is connected and subscribed. */
  private static boolean subscribed(TestRuntime rt) {
    return rt.runtime().context().getRoutes().stream()
        .filter(r -> r.getRouteId().contains("-mqtt-"))
        .map(r -> ((HealthCheckAware) r.getConsumer()).getHealthCheck())
        .anyMatch(check -> check != null && check.call().getState() == HealthCheck.State.UP);
  }

  private static int distinct(RecordingSink sink) {
    return (int) sink.deliveredBodies("/mqtt").stream().distinct().count();
  }

  private static String eventSource(String sinkUrl) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: restart
        spec:
          sink:
            uri: "%s"
          mqtt:
            orders:
              url: "%s"
              topic: "restart/orders"
              qos: 1
        """
        .formatted(sinkUrl, mosquitto.url());
  }
}
