package io.ofnevents.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces `{prefix}0` .. `{prefix}{count-1}` to a topic at a steady rate, each record waiting for
 * the broker's acknowledgement (so a broker outage holds the feed, it does not skip records), for
 * fault tests that count every record.
 */
public final class KafkaFeeder implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final String prefix;
  private final int count;
  private final AtomicInteger sent = new AtomicInteger();
  private volatile Exception failed;

  private KafkaFeeder(String bootstrap, String topic, String prefix, int count) {
    this.producer = KafkaClients.producer(bootstrap);
    this.topic = topic;
    this.prefix = prefix;
    this.count = count;
  }

  /** Starts sending `perTick` records every 100 ms. */
  public static KafkaFeeder start(
      String bootstrap, String topic, String prefix, int count, int perTick) {
    KafkaFeeder f = new KafkaFeeder(bootstrap, topic, prefix, count);
    f.timer.scheduleWithFixedDelay(() -> f.tick(perTick), 0, 100, TimeUnit.MILLISECONDS);
    return f;
  }

  /** Every value this feeder sends. */
  public List<String> values() {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  /** How many the broker acknowledged so far. */
  public int sent() {
    return sent.get();
  }

  public boolean done() {
    return sent.get() == count;
  }

  /** The exception that stopped the feed, or null. */
  public Exception failed() {
    return failed;
  }

  private void tick(int n) {
    for (int k = 0; k < n && sent.get() < count && failed == null; k++) {
      byte[] value = (prefix + sent.get()).getBytes(StandardCharsets.UTF_8);
      try {
        producer.send(new ProducerRecord<>(topic, null, value)).get(60, TimeUnit.SECONDS);
        sent.incrementAndGet();
      } catch (Exception e) {
        failed = e;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    producer.close(Duration.ofSeconds(5));
  }
}
