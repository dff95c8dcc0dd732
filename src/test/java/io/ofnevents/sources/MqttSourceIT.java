package io.ofnevents.sources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MQTT source against a real mosquitto: payloads byte for byte with the topic as subject, a
 * failed delivery redelivered by the broker, and messages sent while the source was down delivered
 * from its persistent session.
 */
class MqttSourceIT {
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto = ServerExtension.mosquitto();

  RecordingSink sink;
  MqttClient publisher;

  @BeforeEach
  void start() throws MqttException {
    sink = RecordingSink.start();
    publisher = new MqttClient(mosquitto.url(), "test-publisher", new MemoryPersistence());
    publisher.connect();
  }

  @AfterEach
  void stop() throws MqttException {
    sink.close();
    publisher.disconnect();
    publisher.close();
  }

  @Test
  void messagesReachTheSinkByteForByteWithTheirTopicAsSubject() throws Exception {
    try (TestRuntime rt = TestRuntime.start(eventSource("sensors", "sensors/+/temperature", ""))) {
      byte[] payload = {'{', '"', 't', '"', ':', '2', '1', '}', 0, (byte) 0xc3};
      publishUntilDelivered("sensors/kitchen/temperature", payload, "/sensors");
      Request r = sink.delivered("/sensors").get(0);
      assertThat(r.body()).isEqualTo(payload);
      assertThat(r.header("ce-subject")).isEqualTo("sensors/kitchen/temperature");
      assertThat(r.header("ce-type")).isEqualTo("io.openfunction.events.mqtt");
      assertThat(r.header("ce-ofnevent")).isEqualTo("ev");
      assertThat(r.header("ce-source"))
          .isEqualTo(
              "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/sensors");
    }
  }

  @Test
  void aFailedDeliveryIsDeliveredAgainBeforeItIsAcknowledged() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    try (TestRuntime rt = TestRuntime.start(eventSource("flaky", "orders", "    retry: 0\n"))) {
      publishUntilDelivered("orders", "warm-up".getBytes(UTF_8), "/flaky");
      sink.respondWith(
          r -> r.bodyText().equals("order-1") && failures.getAndIncrement() < 1 ? 500 : 200);
      publisher.publish("orders", "order-1".getBytes(UTF_8), 1, false);
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/flaky").contains("order-1"));
      assertThat(sink.requests())
          .filteredOn(r -> r.bodyText().equals("order-1"))
          .extracting(Request::status)
          .containsExactly(500, 200);
      // the resend carries the DUP flag and the packet id: the same event, the same ce-id
      assertThat(sink.requests())
          .filteredOn(r -> r.bodyText().equals("order-1"))
          .extracting(r -> r.header("ce-id"))
          .allMatch(id -> id.matches("ev/[0-9a-f]{16}-\\d+"))
          .satisfies(ids -> assertThat(java.util.Set.copyOf(ids)).hasSize(1));
    }
  }

  @Test
  void messagesSentWhileTheSourceWasDownComeFromItsSession() throws Exception {
    String es = eventSource("durable", "jobs", "");
    try (TestRuntime first = TestRuntime.start(es)) {
      publishUntilDelivered("jobs", "warm-up".getBytes(UTF_8), "/durable");
    }
    publisher.publish("jobs", "while-down".getBytes(UTF_8), 1, false);
    try (TestRuntime second = TestRuntime.start(es)) {
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/durable").contains("while-down"));
    }
  }

  /** The subscription is made asynchronously after start: publish until the first arrives. */
  private void publishUntilDelivered(String topic, byte[] payload, String path) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              publisher.publish(topic, payload, 1, false);
              return !sink.delivered(path).isEmpty();
            });
  }

  private String eventSource(String name, String topic, String delivery) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: %s
        spec:
          sink:
            uri: "%s"
          delivery:
            backoffDelay: 50ms
        %s  mqtt:
            ev:
              url: "%s"
              topic: "%s"
        """
        .formatted(name, sink.url("/" + name), delivery, mosquitto.url(), topic);
  }
}
