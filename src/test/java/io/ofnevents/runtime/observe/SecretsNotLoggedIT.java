package io.ofnevents.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The packaged runtime with every kind of secret configured (a NATS user and password from the
 * environment, a Kafka SASL password from `--secrets-dir`, a Redis password from a file, a sink URL
 * with a password and a token), run at DEBUG through retries, a dead letter and a failed start:
 * none of the secret values appears in its output or in /metrics.
 */
class SecretsNotLoggedIT {
  static final String NATS_PASSWORD = "natsPw-7c1e+&=";
  static final String KAFKA_PASSWORD = "kafkaPw-91ab+&=";
  static final String REDIS_PASSWORD = "redisPw-5d2f";
  static final String SINK_PASSWORD = "sinkPw-33ee";
  static final String SINK_TOKEN = "sinkToken-a0b1";
  static final List<String> SECRETS =
      List.of(NATS_PASSWORD, KAFKA_PASSWORD, REDIS_PASSWORD, SINK_PASSWORD, SINK_TOKEN);
  static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().user("ofn", NATS_PASSWORD).build());

  @RegisterExtension
  static final ServerExtension<KafkaServer> kafka =
      ServerExtension.of(KafkaServer.withSasl("alice", KAFKA_PASSWORD));

  @RegisterExtension
  static final ServerExtension<RedisServer> redis =
      ServerExtension.of(RedisServer.withPassword(REDIS_PASSWORD));

  @Test
  void noSecretReachesTheLogOrTheMetrics(@TempDir Path dir) throws Exception {
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("kafka"));
    Files.writeString(secrets.resolve("kafka/password"), KAFKA_PASSWORD);
    Path redisPassword = dir.resolve("redis-password");
    Files.writeString(redisPassword, REDIS_PASSWORD + "\n");
    Path resources = dir.resolve("resources");
    Files.createDirectories(resources);
    AtomicInteger calls = new AtomicInteger();
    try (RecordingSink sink = RecordingSink.start()) {
      sink.respondWith(r -> r.path().equals("/down") || calls.incrementAndGet() <= 2 ? 503 : 200);
      Files.writeString(resources.resolve("all.yaml"), resources(sink, redisPassword));
      String metrics;
      try (ManagedRuntime child = start(resources, secrets, NATS_PASSWORD)) {
        child.awaitReady(WAIT);
        RedissonClient client = redis();
        try {
          // new consumer groups start at the newest record: send until one of each arrives
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> {
                    KafkaClients.produce(kafka.url(), "secret-orders", null, "kafka-event");
                    client
                        .getStream("payments", StringCodec.INSTANCE)
                        .add(StreamAddArgs.entry("data", "redis-event"));
                    List<String> bodies = sink.deliveredBodies("/in");
                    return bodies.contains("kafka-event") && bodies.contains("redis-event");
                  });
        } finally {
          client.shutdown();
        }
        await().atMost(WAIT).until(() -> !sink.delivered("/dead").isEmpty());
        metrics = child.metrics().text();
        assertThat(child.log())
            .as("the run went through retries and a dead letter")
            .containsPattern(LogLines.regex(LogLines.DEAD_LETTERED))
            .contains("retrying in");
        assertThat(metrics).contains("ofn_sink_attempts_total");
        noSecretIn("the log", child.log());
        noSecretIn("/metrics", metrics);
        // the URL's user info became Basic credentials; the dead letter names the sink masked
        String basic = "ofn:" + SINK_PASSWORD;
        assertThat(sink.delivered("/in").get(0).header("authorization"))
            .isEqualTo("Basic " + Base64.getEncoder().encodeToString(basic.getBytes()));
        noSecretIn(
            "the dead letter's extensions", sink.delivered("/dead").get(0).headers().toString());
      }
      try (ManagedRuntime wrong = start(resources, secrets, "wrong-" + NATS_PASSWORD)) {
        assertThat(wrong.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.process().exitValue()).isEqualTo(1);
        assertThat(wrong.log()).contains("cannot connect to NATS");
        noSecretIn("the log of a failed start", wrong.log());
        assertThat(wrong.log()).doesNotContain("wrong-");
      }
    }
  }

  private static void noSecretIn(String where, String text) {
    for (String secret : SECRETS) {
      assertThat(text).as("%s must not contain %s", where, secret).doesNotContain(secret);
    }
  }

  private static ManagedRuntime start(Path resources, Path secrets, String natsPassword)
      throws Exception {
    return ManagedRuntime.start(
        resources,
        List.of("--secrets-dir", secrets.toString()),
        "NATS_USER=ofn",
        "NATS_PASSWORD=" + natsPassword,
        "KAFKA_USER=alice",
        "OFN_LOG_LEVEL=DEBUG");
  }

  private static RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(redis.url()).setPassword(REDIS_PASSWORD);
    return Redisson.create(config);
  }

  private static String resources(RecordingSink sink, Path redisPassword) {
    String withSecrets = "http://ofn:" + SINK_PASSWORD + "@127.0.0.1:" + port(sink);
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: %1$s
            auth:
              user: "${env:NATS_USER}"
              password: "${env:NATS_PASSWORD}"
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: orders}
        spec:
          eventBus: default
          kafka:
            placed:
              brokers: "127.0.0.1:%2$d"
              topic: secret-orders
              authRequired: true
              saslUsername: "${env:KAFKA_USER}"
              saslPassword: {secretKeyRef: {name: kafka, key: password}}
          redis:
            paid:
              redisHost: "127.0.0.1:%3$d"
              redisPassword: "${file:%4$s}"
              stream: payments
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: orders-watch}
        spec:
          eventBus: default
          inputs:
            placed: {eventSource: orders, event: placed}
            paid: {eventSource: orders, event: paid}
          subscribers:
            - condition: placed || paid
              sink: {uri: "%5$s/in?token=%6$s"}
              delivery: {retry: 3, backoffDelay: 50ms}
            - condition: placed || paid
              sink: {uri: "%5$s/down?token=%6$s"}
              delivery: {retry: 1, backoffDelay: 50ms}
              deadLetterSink: {uri: "%5$s/dead?token=%6$s"}
        """
        .formatted(
            nats.url(),
            kafka.server().saslPort(),
            redis.port(),
            redisPassword,
            withSecrets,
            SINK_TOKEN);
  }

  private static int port(RecordingSink sink) {
    return URI.create(sink.url("/")).getPort();
  }
}
