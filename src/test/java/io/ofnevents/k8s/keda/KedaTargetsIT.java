package io.ofnevents.k8s.keda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ScaledObjects point at what the routes really use: the JetStream stream and consumer of a
 * Trigger, the consumer group and topic of a Kafka source. The metric is read from the real servers
 * the way KEDA's scalers read it (NATS `/jsz`: pending + ack pending of the consumer; Kafka: end
 * offset minus committed offset of the group), with the routes stopped so that the backlog stays.
 */
class KedaTargetsIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().monitoring().build());

  @RegisterExtension static final ServerExtension<KafkaServer> kafka = ServerExtension.kafka();

  RecordingSink sink;

  @BeforeEach
  void startSink() {
    sink = RecordingSink.start();
  }

  @AfterEach
  void stopSink() {
    sink.close();
  }

  String sinkUrl() {
    return sink.url("/");
  }

  @Test
  void theNatsJetStreamTriggerNamesTheStreamAndConsumerOfTheTriggersInput() throws Exception {
    String endpoint = URI.create(nats.server().monitorUrl()).getAuthority();
    String bus =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default, namespace: default}
        spec:
          natsStreaming:
            natsURL: %s
            natsStreamingClusterID: stan
            subscriptionType: queue
            durableSubscriptionName: ImDurable
            scaleOption: {natsServerMonitoringEndpoint: "%s", lagThreshold: "5"}
        """
            .formatted(nats.url(), endpoint);
    String trigger =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: watch, namespace: default}
        spec:
          eventBus: default
          inputs:
            tick: {eventSource: clock, event: tick}
          subscribers:
            - condition: tick
              sink: {uri: "%s"}
        """
            .formatted(sinkUrl());
    Map<String, String> metadata =
        onlyTrigger(ScaledObjectsTest.scaling(bus + "---\n" + trigger, "Trigger"));
    String subject = "default-clock-tick";
    try (Connection nc = PlainNats.connect(nats.url())) {
      try (TestRuntime runtime = TestRuntime.start(bus, trigger)) {
        PlainNats.publish(nc, subject, PlainNats.event("warm-up"), "{}".getBytes());
        await().atMost(WAIT).until(() -> sink.delivered("/").size() == 1);
      }
      // The Trigger is down (scaled to zero): what arrives now waits in its consumer.
      for (int i = 0; i < 7; i++) {
        PlainNats.publish(nc, subject, PlainNats.event("e" + i), "{}".getBytes());
      }
    }
    assertThat(jetStreamLag(metadata)).isEqualTo(7);
  }

  @Test
  void theKafkaTriggerNamesTheConsumerGroupAndTopicOfTheSource() throws Exception {
    String source =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: orders, namespace: default}
        spec:
          sink: {uri: "%s"}
          kafka:
            placed:
              brokers: %s
              topic: keda-orders
              authRequired: false
              scaleOption: {lagThreshold: "5", maxReplicaCount: 3}
        """
            .formatted(sinkUrl(), kafka.server().bootstrap());
    Map<String, String> metadata = onlyTrigger(ScaledObjectsTest.scaling(source, "EventSource"));
    try (TestRuntime runtime = TestRuntime.start(source)) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                KafkaClients.produce(kafka.server().bootstrap(), "keda-orders", null, "warm-up");
                return !sink.delivered("/").isEmpty();
              });
      await().atMost(WAIT).until(() -> kafkaLag(metadata) == 0);
    }
    for (int i = 0; i < 4; i++) {
      KafkaClients.produce(kafka.server().bootstrap(), "keda-orders", null, "o" + i);
    }
    assertThat(kafkaLag(metadata)).isEqualTo(4);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> onlyTrigger(ScaledObjects.Scaling s) {
    assertThat(s.errors()).isEmpty();
    List<?> triggers = (List<?>) ((Map<?, ?>) s.scaledObject().get("spec")).get("triggers");
    assertThat(triggers).hasSize(1);
    return (Map<String, String>) ((Map<?, ?>) triggers.get(0)).get("metadata");
  }

  /** KEDA's nats-jetstream metric: pending + ack pending of `consumer` in `stream`. */
  private static long jetStreamLag(Map<String, String> m) throws Exception {
    String url =
        "http://"
            + m.get("natsServerMonitoringEndpoint")
            + "/jsz?acc="
            + URLEncoder.encode(m.get("account"), StandardCharsets.UTF_8)
            + "&consumers=true&config=true";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode jsz = new ObjectMapper().readTree(r.body());
    for (JsonNode account : jsz.path("account_details")) {
      if (!m.get("account").equals(account.path("name").asText())
          && !m.get("account").equals(account.path("id").asText())) continue;
      for (JsonNode stream : account.path("stream_detail")) {
        if (!stream.path("name").asText().equals(m.get("stream"))) continue;
        for (JsonNode consumer : stream.path("consumer_detail")) {
          if (consumer.path("name").asText().equals(m.get("consumer"))) {
            return consumer.path("num_pending").asLong()
                + consumer.path("num_ack_pending").asLong();
          }
        }
      }
    }
    throw new AssertionError(
        "no consumer " + m.get("consumer") + " in stream " + m.get("stream") + ": " + r.body());
  }

  /** KEDA's kafka metric: the group's lag on the topic (end offset minus committed offset). */
  private static long kafkaLag(Map<String, String> m) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, m.get("bootstrapServers"));
    try (Admin admin = Admin.create(p)) {
      var committed =
          KafkaClients.committed(m.get("bootstrapServers"), m.get("consumerGroup"), m.get("topic"));
      assertThat(committed).as("offsets of group " + m.get("consumerGroup")).isNotEmpty();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      long lag = 0;
      for (TopicPartition tp : committed.keySet()) {
        lag += ends.get(tp).offset() - committed.get(tp).offset();
      }
      return lag;
    }
  }
}
