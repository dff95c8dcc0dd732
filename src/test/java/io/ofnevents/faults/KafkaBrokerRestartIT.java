package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaFeeder;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.List;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka broker killed (SIGKILL) and started again while records flow from a Kafka source
 * through the NATS JetStream bus and a Trigger to an HTTP sink: every record must reach the sink. A
 * record the source republishes after the broker came back carries the same `ce-id`, which
 * JetStream's duplicate window drops, so duplicates should be rare; they are counted.
 */
class KafkaBrokerRestartIT {
  @RegisterExtension static final ServerExtension<KafkaServer> kafka = ServerExtension.kafka();
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int RECORDS = 300;
  static final String TOPIC = "restart-orders";

  @Test
  void nothingIsLostWhenTheBrokerIsKilledAndComesBack() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt = TestRuntime.start(resources(sink.url("/kafka")))) {
      // a new consumer group starts at the newest offset: wait until the source has its partition
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), TOPIC, null, "warm-up");
                return !sink.delivered("/kafka").isEmpty();
              });

      try (KafkaFeeder feed = KafkaFeeder.start(kafka.url(), TOPIC, "n-", RECORDS, 5)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> numbered(sink).size() >= RECORDS / 4);
        int atKill = numbered(sink).size();
        long killed = System.nanoTime();
        kafka.server().kill();
        // readiness says so: camel-kafka's consumer check (ours do not cover Kafka)
        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaDown(rt));
        kafka.server().start();
        long restartMillis = (System.nanoTime() - killed) / 1_000_000;

        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    feed.failed() != null
                        || numbered(sink).stream().distinct().count() == RECORDS && feed.done());
        assertThat(feed.failed()).as("producing").isNull();
        System.out.printf(
            "[kafka-broker-restart] delivered before the kill %d, broker back after %d ms%n",
            atKill, restartMillis);
        FaultReport.of("kafka-broker-restart", feed.values(), numbered(sink)).check();
      }
    }
  }

  private static boolean kafkaDown(TestRuntime rt) {
    return HealthCheckHelper.invokeReadiness(rt.runtime().context()).stream()
        .anyMatch(
            r ->
                r.getState() == HealthCheck.State.DOWN
                    && r.getCheck().getId().startsWith("consumer:")
                    && r.getMessage().orElse("").contains("KafkaConsumer is not ready"));
  }

  private static List<String> numbered(RecordingSink sink) {
    return sink.deliveredBodies("/kafka").stream().filter(b -> b.startsWith("n-")).toList();
  }

  private static String resources(String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        Fixtures.kafkaSource("orders", "placed", kafka.url(), TOPIC),
        Fixtures.trigger("orders-watch", "orders", "placed", sinkUrl, null));
  }
}
