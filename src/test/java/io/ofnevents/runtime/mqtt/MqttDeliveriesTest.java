package io.ofnevents.runtime.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Order, acknowledgement and retry of {@link MqttDeliveries}, against a scripted route. */
class MqttDeliveriesTest {
  final List<String> processed = new CopyOnWriteArrayList<>();
  final List<Integer> acked = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  final CountDownLatch entered = new CountDownLatch(1);
  CountDownLatch gate = new CountDownLatch(0);
  MqttDeliveries deliveries;
  Thread thread;

  final MqttDeliveries.Route route =
      new MqttDeliveries.Route() {
        @Override
        public Exception process(String topic, MqttMessage message, String recordId) {
          entered.countDown();
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          processed.add(new String(message.getPayload(), UTF_8));
          return failuresLeft.getAndDecrement() > 0 ? new IllegalStateException("sink 503") : null;
        }

        @Override
        public void acknowledge(MqttMessage message) {
          acked.add(message.getId());
        }
      };

  void start(boolean persistentSession) {
    deliveries = new MqttDeliveries(persistentSession, route);
    thread = new Thread(deliveries, "test-deliveries");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    deliveries.stop();
    thread.join(5_000);
  }

  @Test
  void deliversInOrderAndAcknowledgesEachAfterItsRoute() throws Exception {
    start(true);
    for (int i = 1; i <= 3; i++) deliveries.arrived("t", message(i, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 3);
    assertThat(processed).containsExactly("m1", "m2", "m3");
    assertThat(acked).containsExactly(1, 2, 3);
  }

  @Test
  void aFailedMessageIsDeliveredAgainBeforeTheNextAndAcknowledgedOnlyThen() throws Exception {
    start(true);
    failuresLeft.set(2);
    deliveries.arrived("t", message(1, 1));
    deliveries.arrived("t", message(2, 1));
    await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() == 2);
    assertThat(processed).containsExactly("m1", "m1", "m1", "m2");
    assertThat(acked).containsExactly(1, 2);
  }

  @Test
  void withAPersistentSessionMessagesOfALostConnectionAreLeftToTheBroker() throws Exception {
    gate = new CountDownLatch(1);
    start(true);
    deliveries.arrived("t", message(1, 1));
    deliveries.arrived("t", message(2, 1));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    deliveries.connectionLost(); // m1 is in progress, m2 queued: the broker sends both again
    gate.countDown();
    deliveries.arrived("t", message(1, 1)); // the broker's copy after the reconnect
    await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 1);
    assertThat(processed).containsExactly("m1", "m1");
    assertThat(acked).as("only the copy of the current connection").containsExactly(1);
  }

  @Test
  void withACleanSessionQueuedMessagesAreDeliveredButNotAcknowledgedOnALaterConnection()
      throws Exception {
    gate = new CountDownLatch(1);
    start(false);
    deliveries.arrived("t", message(1, 1));
    deliveries.arrived("t", message(2, 1));
    deliveries.connectionLost();
    gate.countDown();
    deliveries.arrived("t", message(1, 1)); // a new message that reuses packet id 1
    await().atMost(Duration.ofSeconds(10)).until(() -> processed.size() == 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 1);
    assertThat(processed).containsExactly("m1", "m2", "m1");
    assertThat(acked).containsExactly(1);
  }

  @Test
  void aFailedQos0MessageIsNotRetried() throws Exception {
    start(true);
    failuresLeft.set(1);
    deliveries.arrived("t", message(1, 0));
    deliveries.arrived("t", message(2, 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> processed.size() == 2);
    assertThat(processed).containsExactly("m1", "m2");
    assertThat(acked).isEmpty();
  }

  private static MqttMessage message(int id, int qos) {
    MqttMessage m = new MqttMessage(("m" + id).getBytes(UTF_8));
    m.setId(id);
    m.setQos(qos);
    return m;
  }
}
