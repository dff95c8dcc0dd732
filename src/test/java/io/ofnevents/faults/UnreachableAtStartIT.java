package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The runtime (a child JVM) started while NATS (the bus and the condition state store), Kafka and
 * Redis are all down: it keeps running, /health/ready is 503 and names each connection, its server
 * and the error; then the servers come up one by one, the sources read records while the bus is
 * still away (their offsets and acks do not move), and once NATS is there every record arrives. A
 * Redis pub/sub source subscribes once Redis is there.
 */
class UnreachableAtStartIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final int RECORDS = 10;
  static final String TOPIC = "late-orders";
  static final String STREAM = "late-payments";
  static final NatsServer nats = NatsServer.create();
  static final KafkaServer kafka = KafkaServer.create();
  static final RedisServer redis = RedisServer.create();

  /** Each server is started once and stopped, so that its port is known and kept. */
  @BeforeAll
  static void reservePorts() {
    for (var server : List.of(nats, kafka, redis)) {
      server.start();
      server.stop();
    }
  }

  @AfterAll
  static void closeServers() {
    for (var server : List.of(nats, kafka, redis)) server.close();
  }

  @Test
  void startsWithEverythingDownSaysWhyAndDeliversOnceTheServersAreUp(@TempDir Path dir)
      throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      Files.writeString(dir.resolve("resources.yaml"), resources(sink.url("")));
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of())) {
        await()
            .atMost(WAIT)
            .failFast("the runtime exited:\n" + rt.logTail(40), () -> !rt.isAlive())
            .ignoreExceptions()
            .until(
                () -> {
                  String body = readiness(rt);
                  return List.of("bus ", "condition-state ", "redis-source ", "consumer:").stream()
                      .allMatch(body::contains);
                });
        String down = readiness(rt);
        System.out.println("[unreachable-at-start] /health/ready: " + down);
        assertThat(rt.status("/health/ready")).isEqualTo(503);
        assertThat(rt.status("/health/live")).isEqualTo(200);
        assertThat(down)
            .contains("bus " + nats.url() + ": cannot connect to NATS at " + nats.url())
            .contains("Connection refused")
            .contains("condition-state default/late: cannot connect to NATS at " + nats.url())
            .contains("cannot connect to redis " + redis.host() + ":" + redis.port())
            .contains("KafkaConsumer is not ready (brokers " + kafka.url() + ")");
        assertThat(rt.log()).containsPattern(LogLines.regex(LogLines.NATS_UNREACHABLE));

        List<String> sent = new ArrayList<>();
        redis.start();
        await().atMost(WAIT).until(() -> !readiness(rt).contains("redis-source"));
        RedissonClient client = redis.client();
        try {
          // the pub/sub source subscribed once Redis was there (straight to its sink, no bus);
          // pub/sub keeps nothing, so publish until one arrives
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> {
                    client.getTopic("late-news", StringCodec.INSTANCE).publish("news");
                    return sink.deliveredBodies("/news").contains("news");
                  });
          RStream<String, String> stream = client.getStream(STREAM, StringCodec.INSTANCE);
          await().atMost(WAIT).until(() -> stream.isExists() && !stream.listGroups().isEmpty());
          for (int i = 0; i < RECORDS; i++) {
            stream.add(StreamAddArgs.entry("data", "r-" + i));
            sent.add("r-" + i);
          }

          kafka.start();
          await().atMost(WAIT).until(() -> !readiness(rt).contains("KafkaConsumer"));
          // a new group starts at the newest offset: produce once the source has its partition
          KafkaClients.produce(kafka.url(), TOPIC, null, "warm-up");
          await()
              .atMost(WAIT)
              .until(() -> KafkaClients.members(kafka.url(), GROUP).contains(TOPIC + "-0"));
          String[] records =
              IntStream.range(0, RECORDS).mapToObj(i -> "k-" + i).toArray(String[]::new);
          KafkaClients.produce(kafka.url(), TOPIC, null, records);
          sent.addAll(List.of(records));

          // the sources have read records they cannot publish: nothing may be acknowledged yet
          await().atMost(WAIT).until(() -> stream.listGroups().get(0).getPending() > 0);
          assertThat(KafkaClients.committed(kafka.url(), GROUP, TOPIC)).isEmpty();
          assertThat(sink.delivered("/late")).isEmpty();
          assertThat(readiness(rt)).contains("bus " + nats.url());

          nats.start();
          await().atMost(WAIT).until(() -> delivered(sink).containsAll(sent));
          await().atMost(WAIT).ignoreExceptions().until(() -> rt.status("/health/ready") == 200);
          await().atMost(WAIT).until(() -> stream.listGroups().get(0).getPending() == 0);
        } finally {
          client.shutdown();
        }
        assertThat(rt.log())
            .containsPattern(LogLines.regex(LogLines.NATS_CONNECTED))
            .as("no stack trace for servers that are not there")
            .doesNotContain("\tat ");
        FaultReport.of("unreachable-at-start", sent, delivered(sink)).check();
      }
    }
  }

  static final String GROUP = "default-orders-placed";

  private static String readiness(ManagedRuntime rt) throws Exception {
    return rt.get("/health/ready").body();
  }

  private static List<String> delivered(RecordingSink sink) {
    return sink.deliveredBodies("/late").stream().filter(b -> !b.equals("warm-up")).toList();
  }

  private static String resources(String sinkBase) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        Fixtures.kafkaSource("orders", "placed", kafka.url(), TOPIC),
        Fixtures.redisStreamSource("payments", "paid", redis.host() + ":" + redis.port(), STREAM),
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: news}
        spec:
          sink: {uri: "%1$s/news"}
          redis:
            news: {redisHost: "%2$s", channel: late-news}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: late}
        spec:
          eventBus: default
          conditionState: {store: nats}
          inputs:
            placed: {eventSource: orders, event: placed}
            paid: {eventSource: payments, event: paid}
          subscribers:
            - condition: placed || paid
              sink: {uri: "%1$s/late"}
        """
            .formatted(sinkBase, redis.host() + ":" + redis.port()));
  }
}
