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
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * nats-server killed with SIGKILL (no lame-duck, no flush) and started again on the same store
 * while the product's own publishers feed the bus: a cron EventSource firing every second and a
 * Kafka EventSource, into a Trigger that delivers both to a sink. Every Kafka record and every cron
 * tick arrives: a tick is expected for each second from the first one delivered to a moment well
 * after the restart (a cron publish waits and retries with the same id while the server is away,
 * and Quartz fires the ticks it held back as soon as the job returns).
 */
class NatsKillIT {
  @RegisterExtension static final ServerExtension<KafkaServer> kafka = ServerExtension.kafka();
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int RECORDS = 300;
  static final String TOPIC = "kill-orders";
  static final Duration WAIT = Duration.ofSeconds(90);
  // the cron id carries the fire time; whatever else a later id scheme adds around it
  static final Pattern FIRE_TIME =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

  @Test
  void nothingIsLostWhenNatsIsKilledUnderCronAndKafkaSources() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt = TestRuntime.start(resources(sink.url("/mixed")))) {
      // a new consumer group starts at the newest offset: wait until the source has its partition
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), TOPIC, null, "warm-up");
                return !kafkaBodies(sink).isEmpty();
              });
      await().atMost(WAIT).until(() -> !ticks(sink).isEmpty());

      try (KafkaFeeder feed = KafkaFeeder.start(kafka.url(), TOPIC, "k-", RECORDS, 2)) {
        await().atMost(WAIT).until(() -> numbered(sink).size() >= RECORDS / 4);
        int atKill = numbered(sink).size();
        long killed = System.nanoTime();
        nats.server().kill();
        // the runtime sees the bus down, for long enough that publishes in flight time out and
        // are retried and cron ticks pile up behind the one waiting
        // (through Camel's health-check registry, which Camel K's health trait reads too)
        HealthCheck busCheck =
            HealthCheckRegistry.get(rt.runtime().context())
                .getCheck("bus " + nats.url())
                .orElseThrow();
        assertThat(busCheck.isReadiness() && !busCheck.isLiveness()).isTrue();
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(30))
            .until(() -> busCheck.call().getState() == HealthCheck.State.DOWN);
        nats.server().start();
        long downMillis = (System.nanoTime() - killed) / 1_000_000;
        Instant restarted = Instant.now();

        await()
            .atMost(WAIT)
            .until(
                () ->
                    feed.failed() != null
                        || feed.done() && numbered(sink).containsAll(feed.values()));
        assertThat(feed.failed()).as("producing").isNull();
        // every second from the first tick delivered to ten seconds after the restart
        Instant first = ticks(sink).stream().min(Instant::compareTo).orElseThrow();
        Instant last = restarted.plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        List<String> expectedTicks = new ArrayList<>();
        for (Instant t = first; !t.isAfter(last); t = t.plusSeconds(1)) {
          expectedTicks.add(t.toString());
        }
        await()
            .atMost(WAIT)
            .until(
                () ->
                    ticks(sink).stream()
                        .map(Instant::toString)
                        .toList()
                        .containsAll(expectedTicks));

        System.out.printf(
            "[nats-kill9] Kafka records delivered before the kill %d, nats-server down for %d ms%n",
            atKill, downMillis);
        FaultReport.of("nats-kill9/kafka", feed.values(), numbered(sink)).check();
        List<String> delivered =
            ticks(sink).stream().filter(t -> !t.isAfter(last)).map(Instant::toString).toList();
        FaultReport.of("nats-kill9/cron", expectedTicks, delivered).check();
      }
    }
  }

  private static List<String> kafkaBodies(RecordingSink sink) {
    return sink.delivered("/mixed").stream()
        .filter(r -> "placed".equals(r.header("ce-ofninput")))
        .map(Request::bodyText)
        .toList();
  }

  private static List<String> numbered(RecordingSink sink) {
    return kafkaBodies(sink).stream().filter(b -> b.startsWith("k-")).toList();
  }

  /** The fire time of every cron tick delivered (one entry per delivery). */
  private static List<Instant> ticks(RecordingSink sink) {
    List<Instant> ticks = new ArrayList<>();
    for (Request r : sink.delivered("/mixed")) {
      if (!"tick".equals(r.header("ce-ofninput"))) continue;
      Matcher m = FIRE_TIME.matcher(r.header("ce-id"));
      if (m.find()) ticks.add(Instant.parse(m.group()));
    }
    return ticks;
  }

  private static String resources(String sinkUrl) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        Fixtures.kafkaSource("orders", "placed", kafka.url(), TOPIC),
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: clock}
        spec:
          eventBus: default
          cron:
            tick: {schedule: "* * * * * *"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: mixed}
        spec:
          eventBus: default
          inputs:
            placed: {eventSource: orders, event: placed}
            tick: {eventSource: clock, event: tick}
          subscribers:
            - condition: placed || tick
              sink: {uri: "%s"}
        """
            .formatted(sinkUrl));
  }
}
