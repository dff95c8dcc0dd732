package io.ofnevents.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes `{prefix}0` .. `{prefix}{n-1}` to an MQTT topic at QoS 1 at a steady rate, each one
 * published again until the broker acknowledged it (PUBACK), so messages keep coming while the
 * broker restarts; one published twice because its PUBACK was lost is a duplicate at the sink.
 */
final class MqttPublisher implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final MqttClient client;
  private final String topic;
  private final String prefix;
  private final int count;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  private MqttPublisher(MqttClient client, String topic, String prefix, int count) {
    this.client = client;
    this.topic = topic;
    this.prefix = prefix;
    this.count = count;
  }

  /** Connects and starts publishing `count` messages, `perSecond` a second (ticks of 100 ms). */
  static MqttPublisher start(String url, String topic, String prefix, int count, int perSecond)
      throws MqttException {
    MqttClient client = new MqttClient(url, "ofn-test-pub-" + prefix, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(500);
    client.connect(options);
    MqttPublisher p = new MqttPublisher(client, topic, prefix, count);
    int perTick = Math.max(1, perSecond / 10);
    p.timer.scheduleWithFixedDelay(() -> p.tick(perTick), 0, 100, TimeUnit.MILLISECONDS);
    return p;
  }

  private void tick(int perTick) {
    for (int k = 0; k < perTick && next.get() < count; k++) {
      byte[] payload = (prefix + next.get()).getBytes(StandardCharsets.UTF_8);
      try {
        client.publish(topic, payload, 1, false);
        next.incrementAndGet();
      } catch (MqttException e) {
        retries.incrementAndGet(); // not connected or no PUBACK: the same message next tick
        return;
      }
    }
  }

  List<String> ids() {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  /** Messages the broker acknowledged so far. */
  int published() {
    return next.get();
  }

  boolean done() {
    return next.get() == count;
  }

  /** Publish attempts that failed and were made again. */
  int retries() {
    return retries.get();
  }

  @Override
  public void close() throws MqttException {
    timer.shutdownNow();
    if (client.isConnected()) client.disconnect();
    client.close();
  }
}
