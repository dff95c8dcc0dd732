package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One shared JetStream stream (`nats.jetstream.stream`) holds every event of a bus, and JetStream
 * de-duplicates per stream on `Nats-Msg-Id`. Two cron events of one EventSource firing in the same
 * second used to get the same id (the fire time) and source, so the second was dropped as a
 * duplicate: with `fast` every 2 s and `slow` every 4 s, no `slow` event ever arrived; two Kafka
 * events reading one topic lost one of the two events of every record.
 */
class SharedStreamIdsIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  @RegisterExtension
  static final ServerExtension<KafkaServer> kafka = ServerExtension.of(KafkaServer.create());

  static final Duration WINDOW = Duration.ofSeconds(12);
  static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void twoCronEventsFiringInTheSameSecondBothArrive() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime runtime = TestRuntime.start(resources(sink.url("")))) {
      // a window of whole seconds, aligned to the slow schedule, after the first event arrived
      await().atMost(Duration.ofSeconds(30)).until(() -> !sink.delivered("/in").isEmpty());
      Instant first = fireTime(sink.delivered("/in").get(0).header("ce-id"));
      long start = (first.getEpochSecond() / 4 + 2) * 4;
      long end = start + WINDOW.toSeconds();
      List<String> sent = new ArrayList<>();
      for (long s = start; s < end; s += 2) {
        sent.add("fast@" + s);
        if (s % 4 == 0) sent.add("slow@" + s);
      }
      // every event of the window had time to arrive once one fired 4 s after its end
      await()
          .atMost(WINDOW.plusSeconds(30))
          .until(() -> arrivals(sink, start, Long.MAX_VALUE).stream().anyMatch(a -> late(a, end)));
      FaultReport.of("cron-shared-stream", sent, arrivals(sink, start, end)).check();
    }
  }

  @Test
  void twoKafkaEventsOfOneEventSourceOnOneTopicBothArrive() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime runtime = TestRuntime.start(kafkaResources(sink.url("")))) {
      // new consumer groups start at the newest offset: produce until both read the topic
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), "orders", null, "warm-up");
                return sink.delivered("/kafka").stream()
                        .map(r -> r.header("ce-ofnevent"))
                        .distinct()
                        .count()
                    == 2;
              });
      List<String> sent = new ArrayList<>();
      String[] values = new String[20];
      for (int i = 0; i < values.length; i++) {
        values[i] = "order-" + i;
        sent.add("left@" + values[i]);
        sent.add("right@" + values[i]);
      }
      KafkaClients.produce(kafka.url(), "orders", null, values);
      await().atMost(WAIT.plusSeconds(30)).until(() -> kafkaArrivals(sink).containsAll(sent));
      FaultReport.of("kafka-shared-stream", sent, kafkaArrivals(sink)).check();
      assertThat(sink.delivered("/kafka"))
          .extracting(r -> r.header("ce-id"))
          .allMatch(id -> id.matches("(left|right)/orders-0-\\d+"));
    }
  }

  /** `{event}@{value}` of every delivery of a produced order (not the warm-up records). */
  private static List<String> kafkaArrivals(RecordingSink sink) {
    return sink.delivered("/kafka").stream()
        .filter(r -> r.bodyText().startsWith("order-"))
        .map(r -> r.header("ce-ofnevent") + "@" + r.bodyText())
        .toList();
  }

  private static String kafkaResources(String sinkBase) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: ClusterEventBus
        metadata: {name: default}
        spec:
          nats:
            url: "%1$s"
            jetstream: {stream: EVENTS}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: shop}
        spec:
          eventBus: default
          kafka:
            left: {brokers: "%2$s", topic: orders, authRequired: false}
            right: {brokers: "%2$s", topic: orders, authRequired: false}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: shop-watch}
        spec:
          eventBus: default
          inputs:
            left: {eventSource: shop, event: left}
            right: {eventSource: shop, event: right}
          subscribers:
            - condition: left || right
              sink: {uri: "%3$s/kafka"}
        """
        .formatted(nats.url(), kafka.url(), sinkBase);
  }

  private static boolean late(String arrival, long end) {
    return Long.parseLong(arrival.substring(arrival.indexOf('@') + 1)) >= end + 4;
  }

  /** `{event}@{fire second}` of every delivery whose fire time is in [from, to). */
  private static List<String> arrivals(RecordingSink sink, long from, long to) {
    List<String> out = new ArrayList<>();
    for (RecordingSink.Request r : sink.delivered("/in")) {
      long second = fireTime(r.header("ce-id")).getEpochSecond();
      if (second >= from && second < to) out.add(r.header("ce-ofnevent") + "@" + second);
    }
    return out;
  }

  /** The fire time in a cron event's id (the id ends with it). */
  private static Instant fireTime(String id) {
    return Instant.parse(id.substring(id.lastIndexOf('/') + 1));
  }

  private static String resources(String sinkBase) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: ClusterEventBus
        metadata: {name: default}
        spec:
          nats:
            url: "%1$s"
            jetstream: {stream: EVENTS}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: clock}
        spec:
          eventBus: default
          cron:
            fast: {schedule: "*/2 * * * * *"}
            slow: {schedule: "*/4 * * * * *"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: watch}
        spec:
          eventBus: default
          inputs:
            fast: {eventSource: clock, event: fast}
            slow: {eventSource: clock, event: slow}
          subscribers:
            - condition: fast || slow
              sink: {uri: "%2$s/in"}
        """
        .formatted(nats.url(), sinkBase);
  }
}
