package io.ofnevents.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The source half: a pre-filled Kafka topic drained onto the JetStream bus, by a Kafka EventSource
 * (the product, as `ofn-events run` would run it) and by a hand-written Kafka consumer that
 * publishes to JetStream asynchronously and commits after the acks. Each round stops the consumer,
 * fills its topic with `events` records, starts it and times until the last event is on the bus
 * (seen by a plain NATS subscription on the subject). Both consumers are in one group each, and a
 * first record sets their committed offset, so every round reads exactly its own backlog.
 */
final class SourceHalf {
  static final String PRODUCT_TOPIC = "bench-product";
  static final String RAW_TOPIC = "bench-raw";
  static final String RAW_SUBJECT = "bench-src-raw";

  /** The rounds of each side; `skipped` says why there are none. */
  record Result(List<RoundResult> product, List<RoundResult> raw, String skipped) {}

  private final String natsUrl;
  private final Connection nc;
  private final KafkaLauncher kafka;
  private final byte[] payload;
  private final Consumer<String> progress;

  private SourceHalf(
      String natsUrl,
      Connection nc,
      KafkaLauncher kafka,
      byte[] payload,
      Consumer<String> progress) {
    this.natsUrl = natsUrl;
    this.nc = nc;
    this.kafka = kafka;
    this.payload = payload;
    this.progress = progress;
  }

  static Result run(
      String natsUrl, Connection nc, int events, int rounds, int payload, Consumer<String> progress)
      throws Exception {
    String classPath = KafkaLauncher.brokerClassPath();
    if (classPath == null) {
      return new Result(
          List.of(),
          List.of(),
          "no Kafka broker jars found: set KAFKA_HOME to an Apache Kafka 3.9 distribution (its"
              + " libs/), or run from a source tree after `mvn package` (it writes target/"
              + KafkaLauncher.CLASSPATH_FILE
              + "); the product ships only Kafka's client");
    }
    progress.accept("source half: starting a Kafka broker");
    try (KafkaLauncher kafka = KafkaLauncher.start(classPath)) {
      return new SourceHalf(natsUrl, nc, kafka, Publisher.payload(payload), progress)
          .rounds(events, rounds);
    }
  }

  private Result rounds(int events, int rounds) throws Exception {
    nc.jetStreamManagement()
        .addStream(
            StreamConfiguration.builder()
                .name("RAWSRC")
                .subjects(RAW_SUBJECT)
                .storageType(StorageType.File)
                .duplicateWindow(Duration.ofMinutes(2))
                .build());
    String productSubject = Names.topic("default", "ksrc", "rec");
    List<RoundResult> product = new ArrayList<>();
    List<RoundResult> raw = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer();
        ProductSource p = ProductSource.start(natsUrl, kafka.bootstrap());
        RawSource r = new RawSource(nc, kafka.bootstrap())) {
      // both groups get a committed offset (a new group starts at the end) before the backlogs
      r.resume();
      prime(producer, PRODUCT_TOPIC, productSubject);
      prime(producer, RAW_TOPIC, RAW_SUBJECT);
      for (int round = 1; round <= rounds; round++) {
        raw.add(drain(producer, r, RAW_TOPIC, RAW_SUBJECT, "raw-" + round, events));
        report("raw", round, rounds, raw);
        product.add(drain(producer, p, PRODUCT_TOPIC, productSubject, "e2e-" + round, events));
        report("e2e", round, rounds, product);
      }
    }
    return new Result(product, raw, null);
  }

  private void report(String path, int round, int rounds, List<RoundResult> results) {
    RoundResult last = results.get(results.size() - 1);
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "source %s: round %d of %d, %d records: %.0f events/s",
            path,
            round,
            rounds,
            last.events(),
            last.eventsPerSecond()));
  }

  private RoundResult drain(
      KafkaProducer<byte[], byte[]> producer,
      Drainable path,
      String topic,
      String subject,
      String round,
      int events)
      throws Exception {
    path.pause();
    fill(producer, topic, round, events);
    long cpu = ProcessStats.cpuNanos();
    long[] start = new long[1];
    long last =
        awaitArrivals(
            subject,
            events,
            () -> {
              start[0] = System.nanoTime();
              try {
                path.resume();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    double seconds = (last - start[0]) / 1e9;
    double cpuSeconds = (ProcessStats.cpuNanos() - cpu) / 1e9;
    return new RoundResult(events, events / seconds, 0, 0, 0, cpuSeconds, -1, -1, 0);
  }

  /**
   * Sends a record every half second until one reaches `subject` (the consumer joined its group and
   * committed), then waits until nothing more arrives for a second.
   */
  private void prime(KafkaProducer<byte[], byte[]> producer, String topic, String subject)
      throws Exception {
    AtomicLong last = new AtomicLong();
    AtomicInteger seen = new AtomicInteger();
    Dispatcher d =
        nc.createDispatcher(
            m -> {
              last.set(System.nanoTime());
              seen.incrementAndGet();
            });
    d.subscribe(subject);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      for (int i = 0; seen.get() == 0; i++) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no record of " + topic + " reached " + subject);
        }
        fill(producer, topic, "prime-" + i, 1);
        Thread.sleep(500);
      }
      while (System.nanoTime() - last.get() < TimeUnit.SECONDS.toNanos(1)) Thread.sleep(100);
    } finally {
      nc.closeDispatcher(d);
    }
  }

  /** Runs `go`, then waits for `count` messages on `subject`; the time of the last one. */
  private long awaitArrivals(String subject, int count, Runnable go) throws Exception {
    CountDownLatch done = new CountDownLatch(count);
    AtomicLong last = new AtomicLong();
    Dispatcher d =
        nc.createDispatcher(
            m -> {
              last.set(System.nanoTime());
              done.countDown();
            });
    d.subscribe(subject);
    nc.flush(Duration.ofSeconds(5));
    try {
      go.run();
      if (!done.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            (count - done.getCount())
                + " of "
                + count
                + " events reached "
                + subject
                + " in 120 s");
      }
      return last.get();
    } finally {
      nc.closeDispatcher(d);
    }
  }

  private void fill(KafkaProducer<byte[], byte[]> producer, String topic, String round, int n)
      throws Exception {
    for (int i = 0; i < n; i++) {
      producer.send(new ProducerRecord<>(topic, (round + "-" + i).getBytes(), payload));
    }
    producer.flush();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The product: an EventSource with one Kafka event on the JetStream bus, run in this JVM. */
  private static final class ProductSource implements Drainable, AutoCloseable {
    private final OfnRuntime runtime;

    private ProductSource(OfnRuntime runtime) {
      this.runtime = runtime;
    }

    static ProductSource start(String natsUrl, String brokers) throws Exception {
      String yaml =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec:
            nats: {url: "%s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: ksrc}
          spec:
            eventBus: default
            kafka:
              rec: {brokers: "%s", topic: %s, authRequired: false}
          """
              .formatted(natsUrl, brokers, PRODUCT_TOPIC);
      Bundle bundle = ProductPipeline.compile(yaml);
      OfnRuntime runtime =
          new OfnRuntime(
              bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()));
      runtime.start();
      return new ProductSource(runtime);
    }

    @Override
    public void pause() throws Exception {
      for (var r : runtime.context().getRoutes()) {
        runtime.context().getRouteController().stopRoute(r.getRouteId());
      }
    }

    @Override
    public void resume() throws Exception {
      for (var r : runtime.context().getRoutes()) {
        runtime.context().getRouteController().startRoute(r.getRouteId());
      }
    }

    @Override
    public void close() throws Exception {
      runtime.close();
    }
  }

  /**
   * The hand-written source: poll a batch, publish every record to JetStream asynchronously (at
   * most {@link #IN_FLIGHT} awaiting their acks), commit the batch's offsets once all are acked.
   */
  private static final class RawSource implements Drainable, AutoCloseable {
    static final int IN_FLIGHT = 512;
    private final JetStream js;
    private final String brokers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    RawSource(Connection nc, String brokers) throws Exception {
      this.js = nc.jetStream();
      this.brokers = brokers;
    }

    @Override
    public synchronized void resume() {
      running = true;
      thread = new Thread(this::loop, "raw-src");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public synchronized void pause() throws InterruptedException {
      running = false;
      if (thread != null) thread.join(30_000);
      thread = null;
      if (failure.get() != null) throw new IllegalStateException(failure.get());
    }

    private void loop() {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-src");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(RAW_TOPIC));
        Semaphore room = new Semaphore(IN_FLIGHT);
        while (running) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          if (records.isEmpty()) continue;
          AtomicInteger failed = new AtomicInteger();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            room.acquire();
            String id = RAW_TOPIC + "-" + r.partition() + "-" + r.offset();
            Headers h = new Headers().put("ce-id", id).put("Nats-Msg-Id", id);
            js.publishAsync(
                    NatsMessage.builder().subject(RAW_SUBJECT).headers(h).data(r.value()).build())
                .whenComplete(
                    (ack, e) -> {
                      if (e != null) failed.incrementAndGet();
                      room.release();
                    });
          }
          if (!room.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JetStream did not acknowledge within 30 s");
          }
          room.release(IN_FLIGHT);
          if (failed.get() > 0) throw new IllegalStateException(failed + " publishes failed");
          consumer.commitSync();
        }
      } catch (Exception e) {
        failure.compareAndSet(null, e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      pause();
    }
  }
}
