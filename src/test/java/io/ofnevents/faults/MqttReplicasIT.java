package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of one MQTT EventSource (two packaged runtimes in child JVMs, replica ids `r1` and
 * `r2`) on one mosquitto: each has its own client id and persistent session, and they share the
 * subscription, so each message is delivered once, by one of them. One replica killed with SIGKILL
 * mid-stream and started again under its replica id loses nothing: the messages the broker had
 * given it, and those it kept giving its session while it was away, come when it is back.
 */
class MqttReplicasIT {
  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto = ServerExtension.mosquitto();

  static final Duration WAIT = Duration.ofSeconds(120);
  static final String PUBLISHED = "ofn_eventsource_events_published_total";

  @Test
  void twoReplicasSplitTheMessagesAndDeliverEachOnce(@TempDir Path dir) throws Exception {
    int count = 300;
    try (RecordingSink sink = RecordingSink.start()) {
      write(dir, "split", sink);
      try (ManagedRuntime r1 = replica(dir, "r1");
          ManagedRuntime r2 = replica(dir, "r2")) {
        r1.awaitReady(WAIT);
        r2.awaitReady(WAIT);
        try (MqttPublisher pub =
            MqttPublisher.start(mosquitto.url(), "split/orders", "s-", count, 100)) {
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      pub.done()
                          && distinct(sink, "/split") == count
                          && published(r1, "split") + published(r2, "split") >= count);
          FaultReport report =
              FaultReport.of("mqtt-replicas/steady", pub.ids(), bodies(sink, "/split")).check();
          double one = published(r1, "split");
          double two = published(r2, "split");
          System.out.printf("[mqtt-replicas/steady] r1 delivered %.0f, r2 %.0f%n", one, two);
          assertThat(report.duplicates()).as("each message delivered by one replica").isZero();
          assertThat(one + two).isEqualTo(count);
          assertThat(one).as("r1 took part").isPositive();
          assertThat(two).as("r2 took part").isPositive();
          assertThat(r1.log() + r2.log())
              .as("no replica took the other's session")
              .doesNotContain("Reconnected to MQTT");
        }
      }
    }
  }

  @Test
  void nothingIsLostWhenAReplicaIsKilledMidStream(@TempDir Path dir) throws Exception {
    int count = 600;
    try (RecordingSink sink = RecordingSink.start()) {
      write(dir, "kill", sink);
      try (ManagedRuntime r1 = replica(dir, "r1");
          ManagedRuntime r2 = replica(dir, "r2")) {
        r1.awaitReady(WAIT);
        r2.awaitReady(WAIT);
        try (MqttPublisher pub =
            MqttPublisher.start(mosquitto.url(), "kill/orders", "k-", count, 50)) {
          await().atMost(WAIT).until(() -> bodies(sink, "/kill").size() >= count / 4);
          r1.process().destroyForcibly();
          assertThat(r1.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
          int atKill = distinct(sink, "/kill");

          // what the survivor delivers while r1 is away: wait until the count stops moving
          AtomicLong last = new AtomicLong(-1);
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> {
                    long now = distinct(sink, "/kill");
                    return pub.done() && last.getAndSet(now) == now;
                  });
          int whileAway = distinct(sink, "/kill");
          double survivor = published(r2, "kill");

          try (ManagedRuntime back = replica(dir, "r1")) {
            back.awaitReady(WAIT);
            await().atMost(WAIT).until(() -> distinct(sink, "/kill") == count);
            FaultReport report =
                FaultReport.of("mqtt-replicas/kill9", pub.ids(), bodies(sink, "/kill")).check();
            System.out.printf(
                "[mqtt-replicas/kill9] %d delivered at the kill; %d of %d while r1 was away (r2"
                    + " delivered %.0f in all by then); the other %d after r1 came back, which"
                    + " delivered %.0f; %d duplicates%n",
                atKill,
                whileAway,
                count,
                survivor,
                count - whileAway,
                published(back, "kill"),
                report.duplicates());
            assertThat(whileAway)
                .as("the broker keeps the away replica's share in its session")
                .isLessThan(count);
          }
        }
      }
    }
  }

  private static ManagedRuntime replica(Path dir, String id) throws Exception {
    return ManagedRuntime.start(dir, List.of(), "OFN_REPLICA_ID=" + id);
  }

  private static double published(ManagedRuntime r, String eventSource) {
    double v = r.metrics().value(PUBLISHED, "eventsource", eventSource);
    return Double.isNaN(v) ? 0 : v;
  }

  private static List<String> bodies(RecordingSink sink, String path) {
    return sink.deliveredBodies(path);
  }

  private static int distinct(RecordingSink sink, String path) {
    return (int) sink.deliveredBodies(path).stream().distinct().count();
  }

  private static void write(Path dir, String name, RecordingSink sink) throws Exception {
    Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: %1$s
        spec:
          sink:
            uri: "%2$s"
          mqtt:
            orders:
              url: "%3$s"
              topic: "%1$s/orders"
              qos: 1
              sharedSubscription: true
        """
            .formatted(name, sink.url("/" + name), mosquitto.url()));
  }
}
