package io.ofnevents.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.Samples;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka source against a real broker: the upstream samples 1, 3 and 5 and the upstream e2e test
 * with exact bodies, the record key as subject, SASL, no commit before delivery, and a restart.
 */
class KafkaSourceIT {
  static final String HELLO = "{\"message\":\"Hello\"}";
  static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ServerExtension<KafkaServer> kafka =
      ServerExtension.of(KafkaServer.withSasl("alice", "alice+&=secret"));

  RecordingSink sink;

  @BeforeEach
  void startSink() {
    sink = RecordingSink.start();
  }

  @AfterEach
  void stopSink() {
    sink.close();
  }

  @Test
  void sample1DeliversEachRecordValueToTheSinkByteForByte() throws Exception {
    try (TestRuntime rt = sample("sample1-eventsource-sink", "s1-events")) {
      produceUntilDelivered("s1-events", "/default/sink");
      Request first = sink.delivered("/default/sink").get(0);
      assertThat(first.body()).isEqualTo(HELLO.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(first.header("ce-id")).matches("sample-one/s1-events-0-\\d+");
      assertThat(first.header("ce-type")).isEqualTo("io.openfunction.events.kafka");
      assertThat(first.header("ce-source"))
          .isEqualTo(
              "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/my-eventsource");
      assertThat(first.header("ce-subject")).isEqualTo("sample-one");
      assertThat(first.header("ce-specversion")).isEqualTo("1.0");
      assertThat(sink.deliveredBodies("/default/sink")).containsOnly(HELLO);
      assertThat(sink.requests()).allMatch(r -> r.method().equals("POST"));
    }
  }

  @Test
  void sample3DeliversKafkaPayloadsAndEmptyCronEvents() throws Exception {
    try (TestRuntime rt =
        TestRuntime.startDir(
            Samples.dir("sample3-multisource"),
            t -> local("s3-events").apply(t).replace("@every 5s", "@every 1s"))) {
      produceUntilDelivered("s3-events", "/default/sink");
      await()
          .atMost(WAIT)
          .until(
              () -> sink.delivered("/default/sink").stream().anyMatch(r -> r.body().length == 0));
      List<Request> all = sink.delivered("/default/sink");
      assertThat(all)
          .filteredOn(r -> "io.openfunction.events.kafka".equals(r.header("ce-type")))
          .extracting(Request::bodyText)
          .isNotEmpty()
          .containsOnly(HELLO);
      assertThat(all)
          .filteredOn(r -> "io.openfunction.events.cron".equals(r.header("ce-type")))
          .extracting(Request::bodyText)
          .isNotEmpty()
          .containsOnly("");
    }
  }

  @Test
  void sample5SendsTheKafkaEventToTheSinkAndToMetricsOnceBothInputsFired() throws Exception {
    try (TestRuntime rt =
        TestRuntime.startDir(
            Samples.dir("sample5-trigger-conditions"),
            t -> local("s5-events").apply(t).replace("@every 5s", "@every 1s"))) {
      List<String> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();
      rt.runtime()
          .context()
          .addRoutes(
              new RouteBuilder() {
                @Override
                public void configure() {
                  from("ofn-bus:metrics?driver=memory&consumer=test-metrics")
                      .process(e -> metrics.add(e.getMessage().getBody(String.class)));
                }
              });
      // before any Kafka record: eventB alone fires the sink subscriber, nothing reaches metrics
      await().atMost(WAIT).until(() -> !sink.delivered("/default/sink").isEmpty());
      assertThat(metrics).isEmpty();
      produceUntil("s5-events", () -> metrics.contains(HELLO));
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/default/sink").contains(HELLO));
      assertThat(sink.deliveredBodies("/default/sink")).containsOnly("", HELLO);
      assertThat(metrics).contains(HELLO).isSubsetOf("", HELLO);
    }
  }

  @Test
  void upstreamE2eReachesSinkADirectlyAndSinkBThroughTheBusAndTrigger() throws Exception {
    try (TestRuntime rt = sample("e2e", "e2e-events")) {
      produceUntil(
          "e2e-events",
          () ->
              !sink.delivered("/default/sink-a").isEmpty()
                  && !sink.delivered("/default/sink-b").isEmpty());
      assertThat(sink.deliveredBodies("/default/sink-a")).containsOnly(HELLO);
      assertThat(sink.deliveredBodies("/default/sink-b")).containsOnly(HELLO);
      Request a = sink.delivered("/default/sink-a").get(0);
      Request b = sink.delivered("/default/sink-b").get(0);
      assertThat(b.header("ce-id"))
          .isEqualTo(a.header("ce-id"))
          .matches("sample-one/e2e-events-0-\\d+");
      assertThat(b.header("ce-ofntrigger")).isEqualTo("my-trigger");
    }
  }

  @Test
  void theRecordKeyBecomesTheSubject() throws Exception {
    try (TestRuntime rt = TestRuntime.start(eventSource("keyed", "keyed-events", ""))) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), "keyed-events", "order-42", "keyed");
                return !sink.delivered("/keyed").isEmpty();
              });
      assertThat(sink.delivered("/keyed").get(0).header("ce-subject")).isEqualTo("order-42");
    }
  }

  @Test
  void saslPlainAndScramAuthenticateWithAPasswordFromAFile() throws Exception {
    java.nio.file.Path password = java.nio.file.Files.createTempFile("kafka-password", "");
    java.nio.file.Files.writeString(password, "alice+&=secret\n");
    String brokers = "127.0.0.1:" + kafka.server().saslPort();
    String spec =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: secured
        spec:
          sink:
            uri: "%s"
          kafka:
            plain:
              brokers: "%s"
              topic: "sasl-events"
              authRequired: true
              saslUsername: "${file:%s}"
              saslPassword: "${file:%s}"
            scram:
              brokers: "%s"
              topic: "sasl-events"
              authRequired: true
              saslMechanism: SCRAM-SHA-256
              saslUsername: "${file:%s}"
              saslPassword: "${file:%s}"
        """;
    java.nio.file.Path user = java.nio.file.Files.createTempFile("kafka-user", "");
    java.nio.file.Files.writeString(user, "alice");
    try (TestRuntime rt =
        TestRuntime.start(
            spec.formatted(
                sink.url("/secured"), brokers, user, password, brokers, user, password))) {
      assertThat(rt.bundle().routes().get(0).yaml()).doesNotContain("secret");
      produceUntil(
          "sasl-events",
          () ->
              sink.delivered("/secured").stream()
                      .map(r -> r.header("ce-subject"))
                      .distinct()
                      .count()
                  == 2);
    }
  }

  @Test
  void aFailedDeliveryIsNotCommittedAndTheRecordComesAgain() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    try (TestRuntime rt =
        TestRuntime.start(eventSource("flaky", "flaky-events", "    retry: 0\n"))) {
      long before = produceUntilDelivered("flaky-events", "/flaky");
      TopicPartition tp = new TopicPartition("flaky-events", 0);
      await().atMost(WAIT).until(() -> committed("flaky", tp) == before);
      sink.respondWith(
          r -> r.bodyText().equals("fail twice") && failures.getAndIncrement() < 2 ? 500 : 200);
      KafkaClients.produce(kafka.url(), "flaky-events", null, "fail twice", "after");
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/flaky").contains("after"));
      List<Request> attempts =
          sink.requests().stream().filter(r -> r.bodyText().equals("fail twice")).toList();
      assertThat(attempts).extracting(Request::status).containsExactly(500, 500, 200);
      assertThat(attempts)
          .extracting(r -> r.header("ce-id"))
          .containsOnly("ev/flaky-events-0-" + before);
      assertThat(sink.deliveredBodies("/flaky")).containsSubsequence("fail twice", "after");
      await().atMost(WAIT).until(() -> committed("flaky", tp) == before + 2);
    }
  }

  /** Restarting the runtime mid-stream loses nothing; duplicates are counted and printed. */
  @Test
  void aRestartMidStreamLosesNothingCommitted() throws Exception {
    String es = eventSource("restarted", "restart-events", "");
    TestRuntime first = TestRuntime.start(es);
    produceUntilDelivered("restart-events", "/restarted");
    sink.clear();
    int total = 300;
    Thread producer = numbered("restart-events", total);
    await().atMost(WAIT).until(() -> numbered().size() >= total / 4);
    first.close();
    int beforeRestart = numbered().size();
    try (TestRuntime second = TestRuntime.start(es)) {
      producer.join(WAIT.toMillis());
      await().atMost(WAIT).until(() -> numbered().stream().distinct().count() == total);
      List<String> bodies = numbered();
      long distinct = bodies.stream().distinct().count();
      System.out.printf(
          "[kafka-restart] sent=%d delivered=%d distinct=%d duplicates=%d (stopped after %d)%n",
          total, bodies.size(), distinct, bodies.size() - distinct, beforeRestart);
      assertThat(distinct).isEqualTo(total);
      assertThat(committed("restarted", new TopicPartition("restart-events", 0)))
          .isGreaterThanOrEqualTo(total);
    }
  }

  /**
   * A runtime killed with SIGKILL mid-stream (a child JVM running the packaged CLI): every
   * committed record stays committed, so the next runtime re-delivers at most the records in
   * flight.
   */
  @Test
  void aKilledRuntimeRedeliversOnlyWhatItHadNotCommitted() throws Exception {
    String es = eventSource("killed", "kill-events", "");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ofn-kafka-kill");
    java.nio.file.Files.writeString(dir.resolve("eventsource.yaml"), es);
    try (ManagedRuntime child = ManagedRuntime.start(dir, List.of())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                KafkaClients.produce(kafka.url(), "kill-events", null, HELLO);
                return !sink.delivered("/killed").isEmpty();
              });
      int total = 300;
      Thread producer = numbered("kill-events", total);
      await().atMost(WAIT).until(() -> numbered("/killed").size() >= total / 3);
      child.kill();
      int beforeKill = numbered("/killed").size();
      try (TestRuntime next = TestRuntime.start(es)) {
        producer.join(WAIT.toMillis());
        await().atMost(WAIT).until(() -> numbered("/killed").stream().distinct().count() == total);
        List<String> bodies = numbered("/killed");
        long duplicates = bodies.size() - bodies.stream().distinct().count();
        System.out.printf(
            "[kafka-kill] sent=%d delivered=%d distinct=%d duplicates=%d (killed after %d)%n",
            total, bodies.size(), total, duplicates, beforeKill);
        // one record can be in flight (delivered, not yet committed) when the process dies
        assertThat(duplicates).isLessThanOrEqualTo(1);
      }
    }
  }

  // --- helpers

  /** Starts a thread sending `n-0` .. `n-{total-1}` to `topic`, a few milliseconds apart. */
  private static Thread numbered(String topic, int total) {
    Thread producer =
        new Thread(
            () -> {
              try (var p = KafkaClients.producer(kafka.url())) {
                for (int i = 0; i < total; i++) {
                  p.send(
                          new org.apache.kafka.clients.producer.ProducerRecord<>(
                              topic, null, ("n-" + i).getBytes()))
                      .get();
                  java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    producer.start();
    return producer;
  }

  private List<String> numbered(String path) {
    return sink.deliveredBodies(path).stream().filter(b -> b.startsWith("n-")).toList();
  }

  /** Bodies of the numbered records of the restart test (a late warm-up record is no part). */
  private List<String> numbered() {
    return numbered("/restarted");
  }

  private TestRuntime sample(String dir, String topic) throws Exception {
    return TestRuntime.startDir(Samples.dir(dir), local(topic));
  }

  private java.util.function.UnaryOperator<String> local(String topic) {
    return Samples.local(kafka.url(), sink.url(""), topic);
  }

  /** An EventSource `name` reading `topic` into the sink path `/name`, with `delivery` lines. */
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
        %s  kafka:
            ev:
              brokers: "%s"
              topic: "%s"
              authRequired: false
        """
        .formatted(name, sink.url("/" + name), delivery, kafka.url(), topic);
  }

  /**
   * A new group starts at the newest offset, so records sent before the consumer has its partition
   * are skipped (as upstream): keep producing the upstream producer's record until one arrives.
   */
  private long produceUntilDelivered(String topic, String path) {
    return produceUntil(topic, () -> !sink.delivered(path).isEmpty());
  }

  /** Returns how many records it produced. */
  private long produceUntil(String topic, Supplier<Boolean> done) {
    AtomicInteger produced = new AtomicInteger();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              KafkaClients.produce(kafka.url(), topic, null, HELLO);
              produced.incrementAndGet();
              return done.get();
            });
    return produced.get();
  }

  private long committed(String eventSource, TopicPartition tp) {
    var offsets = KafkaClients.committed(kafka.url(), "default-" + eventSource + "-ev", tp.topic());
    var o = offsets.get(tp);
    return o == null ? -1 : o.offset();
  }
}
