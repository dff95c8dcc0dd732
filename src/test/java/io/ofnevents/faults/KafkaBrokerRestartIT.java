package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt = TestRuntime.start(resources(sink.url("/kafka")));
        KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.url())) {
      // a new consumer group starts at the newest offset: wait until the source has its partition
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), TOPIC, null, "warm-up");
                return !sink.delivered("/kafka").isEmpty();
              });

      AtomicInteger sent = new AtomicInteger();
      AtomicReference<Exception> failed = new AtomicReference<>();
      timer.scheduleWithFixedDelay(
          () -> send(producer, sent, failed), 0, 100, TimeUnit.MILLISECONDS);
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
                  failed.get() != null
                      || numbered(sink).stream().distinct().count() == RECORDS
                          && sent.get() == RECORDS);
      assertThat(failed.get()).as("producing").isNull();
      System.out.printf(
          "[kafka-broker-restart] delivered before the kill %d, broker back after %d ms%n",
          atKill, restartMillis);
      List<String> expected =
          IntStream.range(0, RECORDS).mapToObj(KafkaBrokerRestartIT::body).toList();
      FaultReport.of("kafka-broker-restart", expected, numbered(sink)).check();
    } finally {
      timer.shutdownNow();
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

  /** Sends the next 5 records, each acknowledged by the broker (blocking while it is down). */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, AtomicInteger sent, AtomicReference<Exception> e) {
    for (int k = 0; k < 5 && sent.get() < RECORDS && e.get() == null; k++) {
      byte[] value = body(sent.get()).getBytes(StandardCharsets.UTF_8);
      try {
        producer.send(new ProducerRecord<>(TOPIC, null, value)).get(60, TimeUnit.SECONDS);
        sent.incrementAndGet();
      } catch (Exception ex) {
        e.set(ex);
      }
    }
  }

  private static String body(int i) {
    return "n-" + i;
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
