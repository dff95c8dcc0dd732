package io.ofnevents.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestCertificates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
 * with a password and a token, an MQTT client key from the environment and a Kafka client key from
 * a Secret, both over TLS), run with every logger at DEBUG (ours, Camel, Kafka, jnats, Redisson,
 * and Paho through java.util.logging) through retries, a dead letter and a failed start: none of
 * the secret values, nor a private key in PEM or base64, appears in its output or in /metrics.
 */
class SecretsNotLoggedIT {
  static final String NATS_PASSWORD = "natsPw-7c1e+&=";
  static final String KAFKA_PASSWORD = "kafkaPw-91ab+&=";
  static final String REDIS_PASSWORD = "redisPw-5d2f";
  static final String SINK_PASSWORD = "sinkPw-33ee";
  static final String SINK_TOKEN = "sinkToken-a0b1";
  static final List<String> SECRETS =
      List.of(NATS_PASSWORD, KAFKA_PASSWORD, REDIS_PASSWORD, SINK_PASSWORD, SINK_TOKEN);
  static final Duration WAIT = Duration.ofSeconds(90);
  static final TestCertificates CERTS = TestCertificates.create();
  // a run of base64 long enough to be a key or a certificate, as a URI or a log line may hold it
  static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");

  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().user("ofn", NATS_PASSWORD).build());

  @RegisterExtension
  static final ServerExtension<KafkaServer> kafka =
      ServerExtension.of(KafkaServer.withTls(CERTS, "alice", KAFKA_PASSWORD));

  @RegisterExtension
  static final ServerExtension<RedisServer> redis =
      ServerExtension.of(RedisServer.withPassword(REDIS_PASSWORD));

  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto =
      ServerExtension.of(MosquittoServer.withTls(CERTS));

  @Test
  void noSecretReachesTheLogOrTheMetrics(@TempDir Path dir) throws Exception {
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("kafka"));
    Files.writeString(secrets.resolve("kafka/password"), KAFKA_PASSWORD);
    Files.copy(CERTS.clientCert(), secrets.resolve("kafka/tls.crt"));
    Files.copy(CERTS.clientKey(), secrets.resolve("kafka/tls.key"));
    Path redisPassword = dir.resolve("redis-password");
    Files.writeString(redisPassword, REDIS_PASSWORD + "\n");
    Path debug = allLoggersAtDebug(dir);
    Path resources = dir.resolve("resources");
    Files.createDirectories(resources);
    AtomicInteger calls = new AtomicInteger();
    try (RecordingSink sink = RecordingSink.start()) {
      sink.respondWith(r -> r.path().equals("/down") || calls.incrementAndGet() <= 2 ? 503 : 200);
      Files.writeString(resources.resolve("all.yaml"), resources(sink, redisPassword));
      String metrics;
      try (ManagedRuntime child = start(resources, secrets, NATS_PASSWORD, debug)) {
        child.awaitReady(WAIT);
        RedissonClient client = redis();
        MqttClient mqtt = mqttPublisher();
        try {
          // new consumer groups start at the newest record: send until one of each arrives
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> {
                    List<String> bodies = sink.deliveredBodies("/in");
                    if (!bodies.contains("kafka-event")) {
                      KafkaClients.produce(kafka.url(), "secret-orders", null, "kafka-event");
                    }
                    if (!bodies.contains("kafka-tls-event")) {
                      KafkaClients.produce(kafka.url(), "secret-tls", null, "kafka-tls-event");
                    }
                    if (!bodies.contains("redis-event")) {
                      client
                          .getStream("payments", StringCodec.INSTANCE)
                          .add(StreamAddArgs.entry("data", "redis-event"));
                    }
                    if (!bodies.contains("mqtt-event")) {
                      mqtt.publish("secure/orders", "mqtt-event".getBytes(), 1, false);
                    }
                    return bodies.containsAll(
                        List.of("kafka-event", "kafka-tls-event", "redis-event", "mqtt-event"));
                  });
        } finally {
          client.shutdown();
          mqtt.disconnect();
          mqtt.close();
        }
        await().atMost(WAIT).until(() -> !sink.delivered("/dead").isEmpty());
        metrics = child.metrics().text();
        assertThat(child.log())
            .as("the run went through retries and a dead letter, with Camel and Kafka at DEBUG")
            .containsPattern(LogLines.regex(LogLines.DEAD_LETTERED))
            .contains("retrying in")
            .contains("DEBUG")
            .containsPattern("DEBUG +(KafkaConsumer|ConsumerCoordinator|NetworkClient)");
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
      try (ManagedRuntime wrong = start(resources, secrets, "wrong-" + NATS_PASSWORD, debug)) {
        assertThat(wrong.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.process().exitValue()).isEqualTo(1);
        assertThat(wrong.log()).contains("cannot connect to NATS");
        noSecretIn("the log of a failed start", wrong.log());
        assertThat(wrong.log()).doesNotContain("wrong-");
      }
    }
  }

  /** Fails with the lines that hold a secret, the private key, or the key in base64. */
  private static void noSecretIn(String where, String text) throws Exception {
    List<String> keyLines = keyBody();
    List<String> leaks = new ArrayList<>();
    for (String line : text.split("\n")) {
      boolean leak =
          SECRETS.stream().anyMatch(line::contains) || keyLines.stream().anyMatch(line::contains);
      // base64 of the PEM (as the Kafka source passes it), whatever its alignment: decode runs
      Matcher m = BASE64.matcher(line);
      while (!leak && m.find()) {
        String decoded = decode(m.group());
        leak = keyLines.stream().anyMatch(k -> decoded.contains(k.substring(0, 32)));
      }
      if (leak) leaks.add(line.length() > 400 ? line.substring(0, 400) + "..." : line);
    }
    assertThat(leaks).as("lines of %s with a secret", where).isEmpty();
  }

  /** The base64 lines of the client's private key, without the first and last. */
  private static List<String> keyBody() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(CERTS.clientKey()));
    lines.removeIf(l -> l.startsWith("-----"));
    return lines.subList(1, lines.size() - 1);
  }

  private static String decode(String base64) {
    // try each of the three alignments a fragment of a longer encoding can have
    StringBuilder all = new StringBuilder();
    for (int skip = 0; skip < 4; skip++) {
      String s = base64.substring(skip);
      s = s.substring(0, s.length() - s.length() % 4);
      try {
        all.append(new String(Base64.getDecoder().decode(s), StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException e) {
        // not base64 at this alignment
      }
      all.append('\n');
    }
    return all.toString();
  }

  /**
   * A log4j2 configuration with the root and every logger at DEBUG, and java.util.logging (Paho) at
   * its finest, passed to the child JVM through JAVA_TOOL_OPTIONS.
   */
  private static Path allLoggersAtDebug(Path dir) throws Exception {
    Path log4j = dir.resolve("log4j2-debug.xml");
    Files.writeString(
        log4j,
        """
        <Configuration status="WARN">
          <Appenders><Console name="console" target="SYSTEM_ERR">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n%throwable"/>
          </Console></Appenders>
          <Loggers><Root level="DEBUG"><AppenderRef ref="console"/></Root></Loggers>
        </Configuration>
        """);
    Path jul = dir.resolve("logging.properties");
    Files.writeString(
        jul,
        "handlers=java.util.logging.ConsoleHandler\n.level=ALL\n"
            + "java.util.logging.ConsoleHandler.level=ALL\n");
    return dir;
  }

  private static ManagedRuntime start(Path resources, Path secrets, String natsPassword, Path debug)
      throws Exception {
    String key = Files.readString(CERTS.clientKey());
    return ManagedRuntime.start(
        resources,
        List.of("--secrets-dir", secrets.toString()),
        "NATS_USER=ofn",
        "NATS_PASSWORD=" + natsPassword,
        "KAFKA_USER=alice",
        "MQTT_CLIENT_KEY=" + key,
        "OFN_LOG_LEVEL=DEBUG",
        "JAVA_TOOL_OPTIONS=-Dlog4j2.configurationFile="
            + debug.resolve("log4j2-debug.xml")
            + " -Djava.util.logging.config.file="
            + debug.resolve("logging.properties"));
  }

  private static RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(redis.url()).setPassword(REDIS_PASSWORD);
    return Redisson.create(config);
  }

  /** A publisher with the test CA and client certificate, as mosquitto requires. */
  private static MqttClient mqttPublisher() throws Exception {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(CERTS.clientSocketFactory());
    MqttClient client =
        new MqttClient(mosquitto.url(), "secrets-publisher", new MemoryPersistence());
    client.connect(options);
    return client;
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
            signed:
              brokers: "127.0.0.1:%7$d"
              topic: secret-tls
              authRequired: false
              tls:
                caCert: "${file:%8$s}"
                clientCert: {secretKeyRef: {name: kafka, key: tls.crt}}
                clientKey: {secretKeyRef: {name: kafka, key: tls.key}}
          redis:
            paid:
              redisHost: "127.0.0.1:%3$d"
              redisPassword: "${file:%4$s}"
              stream: payments
          mqtt:
            door:
              url: "%9$s"
              topic: secure/orders
              caCert: "${file:%8$s}"
              clientCert: "%10$s"
              clientKey: "${env:MQTT_CLIENT_KEY}"
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: orders-watch}
        spec:
          eventBus: default
          inputs:
            placed: {eventSource: orders, event: placed}
            signed: {eventSource: orders, event: signed}
            paid: {eventSource: orders, event: paid}
            door: {eventSource: orders, event: door}
          subscribers:
            - condition: placed || signed || paid || door
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
            SINK_TOKEN,
            kafka.server().mtlsPort(),
            CERTS.caCert(),
            mosquitto.url(),
            CERTS.clientCert());
  }

  private static int port(RecordingSink sink) {
    return URI.create(sink.url("/")).getPort();
  }
}
