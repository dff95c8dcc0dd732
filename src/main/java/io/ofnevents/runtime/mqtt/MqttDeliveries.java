package io.ofnevents.runtime.mqtt;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the route of each MQTT message, in arrival order, on a thread of its own, and acknowledges a
 * QoS 1/2 message only after its route succeeded; a failed message is delivered again with backoff,
 * and the messages after it wait. Paho's callback thread only queues the messages: a callback that
 * blocks makes Paho's reconnect hang until the broker drops the half-open connection
 * (eclipse-paho/paho.mqtt.java#31; measured ~90 s with mosquitto).
 *
 * <p>With a persistent session the broker sends every unacknowledged message again after a
 * reconnect, in order, so the messages queued from a lost connection are dropped, and a failing one
 * stops being retried here when its connection is lost. With a clean session nothing comes again:
 * queued messages are still delivered. Either way a message is acknowledged only on the connection
 * it came on; on a later one its packet id may name another message.
 */
final class MqttDeliveries implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttDeliveries.class);
  private static final long FIRST_RETRY_MS = 500;
  private static final long MAX_RETRY_MS = 30_000;
  // the broker's window of unacknowledged messages (mosquitto: 20) bounds it in practice
  private static final int CAPACITY = 1000;

  /** One message as it arrived, with the connection it arrived on and its record id. */
  record Delivery(int connection, String topic, MqttMessage message, String recordId) {}

  /** What the consumer does with a message: names it, runs its route, acknowledges it. */
  interface Route {
    /**
     * The record id of a message, taken once when it arrives (on Paho's callback thread, in order),
     * so that retries in place keep it; null when the consumer sets none.
     */
    default String recordId(String topic, MqttMessage message) {
      return null;
    }

    /** The route's failure, or null. */
    Exception process(String topic, MqttMessage message, String recordId);

    void acknowledge(MqttMessage message);
  }

  private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final AtomicInteger connection = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final boolean persistentSession;
  private final Route route;
  private volatile boolean running = true;

  MqttDeliveries(boolean persistentSession, Route route) {
    this.persistentSession = persistentSession;
    this.route = route;
  }

  /** Queues a message (Paho's callback); waits only when the queue is full. */
  void arrived(String topic, MqttMessage message) throws InterruptedException {
    queue.put(new Delivery(connection.get(), topic, message, route.recordId(topic, message)));
  }

  /** The connection is gone; with a persistent session the broker sends the queued ones again. */
  void connectionLost() {
    connection.incrementAndGet();
    if (persistentSession) queue.clear();
  }

  /** Ends the loop after the message in progress and any retry wait. */
  void stop() {
    running = false;
    queue.clear();
    stopped.countDown();
  }

  @Override
  public void run() {
    try {
      while (running) {
        Delivery d = queue.poll(1, TimeUnit.SECONDS);
        if (d != null) deliver(d);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Delivery d) throws InterruptedException {
    int qos = d.message().getQos();
    long backoff = FIRST_RETRY_MS;
    while (true) {
      Exception failure = route.process(d.topic(), d.message(), d.recordId());
      boolean current = d.connection() == connection.get();
      if (failure == null) {
        if (qos > 0 && current) route.acknowledge(d.message());
        return;
      }
      if (qos == 0) {
        LOG.error(
            "Event from MQTT topic {} lost: delivery failed and QoS 0 has no redelivery: {}",
            d.topic(),
            failure.getMessage());
        return;
      }
      if (!running || (persistentSession && !current)) {
        LOG.warn(
            "MQTT message {} on {} not acknowledged, the broker sends it again: {}",
            d.message().getId(),
            d.topic(),
            failure.getMessage());
        return;
      }
      LOG.warn(
          "MQTT message {} on {} not delivered, retrying in {} ms: {}",
          d.message().getId(),
          d.topic(),
          backoff,
          failure.getMessage());
      if (stopped.await(backoff, TimeUnit.MILLISECONDS)) return;
      backoff = Math.min(backoff * 2, MAX_RETRY_MS);
    }
  }
}
