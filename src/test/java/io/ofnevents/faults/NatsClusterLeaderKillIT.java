package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.ofnevents.compile.Names;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.NatsCluster;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A three-node JetStream cluster, the bus's streams stored with `replicas: 3`, and the stream's
 * leader killed with SIGKILL while events flow through a Trigger to a sink: every event arrives;
 * the time until a new leader serves the stream and until delivery resumes is printed, not
 * asserted.
 */
class NatsClusterLeaderKillIT {
  static final int EVENTS = 600;
  static final String SUBJECT = "default-producer-tick";
  static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void nothingIsLostWhenTheStreamLeaderIsKilled() throws Exception {
    try (NatsCluster cluster = NatsCluster.ofThree().start();
        RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(cluster.url());
        TestRuntime rt = TestRuntime.start(resources(cluster.url(), sink.url("/cluster")))) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      await()
          .atMost(WAIT)
          .until(() -> PlainNats.consumerExists(nc, SUBJECT, "default-ebft-cluster"));
      assertThat(jsm.getStreamInfo(Names.stream(SUBJECT)).getConfiguration().getReplicas())
          .isEqualTo(3);

      EventPublisher publisher = EventPublisher.start(nc, SUBJECT, EVENTS, 40);
      await().atMost(WAIT).until(() -> ids(sink).size() >= EVENTS / 4);
      NatsServer leader = cluster.leaderOf(jsm, Names.stream(SUBJECT));
      int publishedAtKill = publisher.published();
      long killedAt = System.nanoTime();
      leader.kill();

      AtomicLong newLeaderAt = new AtomicLong();
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                NatsServer now = cluster.leaderOf(jsm, Names.stream(SUBJECT));
                return now != leader && newLeaderAt.compareAndSet(0, System.nanoTime());
              });
      // delivery has resumed when an event published after the kill arrives
      Set<String> later = new HashSet<>(EventPublisher.ids(publishedAtKill + 1, EVENTS));
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> ids(sink).stream().anyMatch(later::contains));
      long resumedAt = System.nanoTime();

      publisher.await(WAIT);
      assertThat(publisher.failed()).as("publishing").isNull();
      await().atMost(WAIT).until(() -> ids(sink).containsAll(publisher.ids()));
      System.out.printf(
          "[cluster-leader-kill] killed leader %s after %d published; new stream leader after %d"
              + " ms, delivery resumed %d ms after the kill%n",
          leader.serverName(),
          publishedAtKill,
          (newLeaderAt.get() - killedAt) / 1_000_000,
          (resumedAt - killedAt) / 1_000_000);
      FaultReport.of("cluster-leader-kill9", publisher.ids(), deliveries(sink)).check();
    }
  }

  private static List<String> deliveries(RecordingSink sink) {
    return sink.delivered("/cluster").stream().map(r -> r.header("ce-id")).toList();
  }

  private static Set<String> ids(RecordingSink sink) {
    return new HashSet<>(deliveries(sink));
  }

  private static String resources(String natsUrl, String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(natsUrl, "5s", 3),
        Fixtures.trigger("cluster", "producer", "tick", sinkUrl, null));
  }
}
