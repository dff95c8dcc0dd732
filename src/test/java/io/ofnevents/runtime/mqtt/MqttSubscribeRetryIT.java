package io.ofnevents.runtime.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that refuses the source's subscription (SUBACK 0x80, from mosquitto's dynamic-security
 * plugin) while accepting its connection: the packaged runtime reports `/health/ready` 503 with the
 * reason and stays alive, retries the subscription with backoff, and once the broker allows it
 * becomes ready and delivers.
 */
class MqttSubscribeRetryIT {
  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto =
      ServerExtension.of(MosquittoServer.create().refusingSubscriptions());

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String FILTER = "guarded/orders";

  @Test
  void aRefusedSubscriptionIsRetriedAndTheSourceIsNotReadyUntilItHolds(@TempDir Path dir)
      throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      Files.writeString(dir.resolve("guarded.yaml"), eventSource(sink.url("/guarded")));
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of())) {
        await()
            .atMost(WAIT)
            .failFast("runtime exited:\n" + rt.log(), () -> !rt.process().isAlive())
            .until(() -> count(rt.log(), "did not grant the subscription") >= 2);
        HttpResponse<String> ready = rt.get("/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body())
            .contains("the broker did not grant the subscription of default-guarded-orders to")
            .contains(FILTER);
        assertThat(rt.status("/health/live")).isEqualTo(200);

        mosquitto.server().allowSubscriptions();
        rt.awaitReady(WAIT);
        assertThat(rt.log())
            .contains("default-guarded-orders subscribed to " + FILTER)
            .as("subscribed on the same connection, not after a reconnect")
            .doesNotContain("Reconnected to MQTT");
        MqttClient publisher =
            new MqttClient(mosquitto.url(), "guarded-publisher", new MemoryPersistence());
        publisher.connect();
        try {
          publisher.publish("guarded/orders", "order-1".getBytes(UTF_8), 1, false);
          await().atMost(WAIT).until(() -> sink.deliveredBodies("/guarded").contains("order-1"));
        } finally {
          publisher.disconnect();
          publisher.close();
        }
      }
    }
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String eventSource(String sinkUrl) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: guarded
        spec:
          sink:
            uri: "%s"
          mqtt:
            orders:
              url: "%s"
              topic: "guarded/orders"
        """
        .formatted(sinkUrl, mosquitto.url());
  }
}
