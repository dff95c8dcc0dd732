package io.ofnevents.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Every plain-route example under `kamelets/examples/routes/` runs in a bare camel-main with the
 * Kamelets read from `kamelets/` (not from our runtime): each starts, and an event reaches its last
 * step, fed by a real broker where the Kamelet is a broker source.
 */
class KameletExamplesIT {
  static final Path ROUTES = Path.of("kamelets", "examples", "routes");
  static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto = ServerExtension.mosquitto();

  @RegisterExtension static final ServerExtension<KafkaServer> kafka = ServerExtension.kafka();

  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  static RecordingSink sink;

  @BeforeAll
  static void startSink() {
    sink = RecordingSink.start();
  }

  @AfterAll
  static void stopSink() {
    sink.close();
  }

  static Stream<String> examples() throws Exception {
    try (Stream<Path> files = Files.list(ROUTES)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsAndDeliversAnEvent(String file) throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Main main = new Main();
    main.configure().withRoutesIncludePattern("file:" + ROUTES.resolve(file));
    main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
    main.addOverrideProperty("kafka.brokers", kafka.url());
    main.addOverrideProperty("redis.host", "127.0.0.1:" + redis.port());
    main.addOverrideProperty("mqtt.url", mosquitto.url());
    main.addOverrideProperty("nats.url", nats.url());
    main.addOverrideProperty("sink.url", sink.url("/example"));
    main.addMainListener(
        new MainListenerSupport() {
          @Override
          public void afterConfigure(BaseMainSupport m) {
            m.getCamelContext().getManagementStrategy().addEventNotifier(new LogSteps(logged));
          }
        });
    main.start();
    try {
      assertThat(main.getCamelContext().getRoutes()).isNotEmpty();
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                feed(file);
                return file.equals("ofn-http-sink.camel.yaml")
                    ? !sink.delivered("/example").isEmpty()
                    : !logged.isEmpty();
              });
    } finally {
      main.stop();
    }
  }

  /** Sends one event into the broker the example reads, if it reads one. */
  private static void feed(String file) throws Exception {
    switch (file) {
      case "ofn-kafka-source.camel.yaml" ->
          KafkaClients.produce(kafka.url(), "events-sample", null, "{\"message\":\"Hello\"}");
      case "ofn-redis-source.camel.yaml" -> {
        Config config = new Config();
        config.useSingleServer().setAddress(redis.url());
        RedissonClient client = Redisson.create(config);
        try {
          client.getStream("orders", StringCodec.INSTANCE).add(StreamAddArgs.entry("data", "o-1"));
        } finally {
          client.shutdown();
        }
      }
      case "ofn-mqtt-source.camel.yaml" -> {
        MqttClient client =
            new MqttClient(mosquitto.url(), "example-feeder", new MemoryPersistence());
        client.connect();
        client.publish("home/kitchen/temperature", "21.5".getBytes(UTF_8), 1, false);
        client.disconnect();
        client.close();
      }
      default -> {} // timer, cron and NATS examples feed themselves
    }
  }

  /** Records the body of every exchange sent to a `log:` endpoint, the examples' last step. */
  private static final class LogSteps extends EventNotifierSupport {
    private final List<String> logged;

    LogSteps(List<String> logged) {
      this.logged = logged;
    }

    @Override
    public void notify(CamelEvent event) {
      if (event instanceof ExchangeSentEvent sent
          && sent.getEndpoint().getEndpointUri().startsWith("log:")) {
        logged.add(String.valueOf(sent.getExchange().getMessage().getBody(String.class)));
      }
    }
  }
}
