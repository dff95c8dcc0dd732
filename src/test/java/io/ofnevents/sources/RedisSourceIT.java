package io.ofnevents.sources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The Redis source against a real redis-server: stream entries and pub/sub messages reach the sink
 * with their exact payload and CloudEvent attributes; a failed entry is not acknowledged and comes
 * again; an entry left pending by a killed runtime is claimed and delivered by the next one.
 */
class RedisSourceIT {
  static final String HELLO = "{\"message\":\"Hello\"}";
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  RecordingSink sink;
  RedissonClient client;

  @BeforeEach
  void start() {
    sink = RecordingSink.start();
    Config config = new Config();
    config.useSingleServer().setAddress(redis.url());
    client = Redisson.create(config);
  }

  @AfterEach
  void stop() {
    sink.close();
    client.shutdown();
  }

  @Test
  void streamEntriesReachTheSinkWithTheirIdAndExactData() throws Exception {
    try (TestRuntime rt =
        TestRuntime.start(eventSource("streams", "orders", "      stream: orders\n"))) {
      RStream<String, String> stream = client.getStream("orders", StringCodec.INSTANCE);
      StreamMessageId data = stream.add(StreamAddArgs.entry("data", HELLO));
      StreamMessageId fields = stream.add(StreamAddArgs.entries("id", "42", "state", "paid"));
      await().atMost(WAIT).until(() -> sink.delivered("/streams").size() == 2);
      Request first = sink.delivered("/streams").get(0);
      assertThat(first.body()).isEqualTo(HELLO.getBytes(UTF_8));
      assertThat(first.header("ce-id")).isEqualTo("orders/" + data);
      assertThat(first.header("ce-type")).isEqualTo("io.openfunction.events.redis");
      assertThat(first.header("ce-subject")).isEqualTo("orders");
      assertThat(first.header("ce-source"))
          .isEqualTo(
              "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/streams");
      Request second = sink.delivered("/streams").get(1);
      assertThat(second.bodyText()).isEqualTo("{\"id\":\"42\",\"state\":\"paid\"}");
      assertThat(second.header("content-type")).startsWith("application/json");
      assertThat(second.header("ce-id")).isEqualTo("orders/" + fields);
      await()
          .atMost(WAIT)
          .until(() -> stream.getPendingInfo("default-streams-orders").getTotal() == 0);
    }
  }

  @Test
  void withoutStreamChannelOrPatternTheEventNameIsTheStreamKey() throws Exception {
    try (TestRuntime rt = TestRuntime.start(eventSource("byname", "signups", ""))) {
      client
          .getStream("signups", StringCodec.INSTANCE)
          .add(StreamAddArgs.entry("data", "new user"));
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/byname").contains("new user"));
    }
  }

  @Test
  void pubSubChannelAndPatternMessagesReachTheSinkByteForByte() throws Exception {
    String spec =
        eventSource("pubsub", "news", "      channel: news+eu\n")
            + "    alerts:\n"
            + "      redisHost: \"127.0.0.1:"
            + redis.port()
            + "\"\n      pattern: \"alerts.*\"\n";
    try (TestRuntime rt = TestRuntime.start(spec)) {
      byte[] binary = {0, (byte) 0xff, 'x', '\n'};
      client.getTopic("news+eu", org.redisson.client.codec.ByteArrayCodec.INSTANCE).publish(binary);
      client.getTopic("alerts.disk", StringCodec.INSTANCE).publish(HELLO);
      await().atMost(WAIT).until(() -> sink.delivered("/pubsub").size() == 2);
      Request news = find("news+eu");
      assertThat(news.body()).isEqualTo(binary);
      assertThat(news.header("ce-type")).isEqualTo("io.openfunction.events.redis");
      Request alert = find("alerts.disk");
      assertThat(alert.bodyText()).isEqualTo(HELLO);
      assertThat(alert.header("ce-ofnevent")).isEqualTo("alerts");
    }
  }

  @Test
  void aFailedEntryIsNotAcknowledgedAndIsDeliveredAgain() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    sink.respondWith(r -> failures.getAndIncrement() < 1 ? 500 : 200);
    String spec =
        eventSource(
            "retried",
            "jobs",
            "      stream: jobs\n      redeliverInterval: 500ms\n      processingTimeout: 1s\n");
    try (TestRuntime rt = TestRuntime.start(spec.replace("retry: 3", "retry: 0"))) {
      StreamMessageId id =
          client.getStream("jobs", StringCodec.INSTANCE).add(StreamAddArgs.entry("data", "job-1"));
      await().atMost(WAIT).until(() -> sink.deliveredBodies("/retried").contains("job-1"));
      assertThat(sink.requests()).extracting(Request::status).containsExactly(500, 200);
      assertThat(sink.requests()).extracting(r -> r.header("ce-id")).containsOnly("jobs/" + id);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client
                          .getStream("jobs", StringCodec.INSTANCE)
                          .getPendingInfo("default-retried-jobs")
                          .getTotal()
                      == 0);
    }
  }

  @Test
  void aPasswordFromAFileAuthenticates() throws Exception {
    try (RedisServer secured = RedisServer.withPassword("s3cret+&=")) {
      secured.start();
      Path password = Files.createTempFile("redis-password", "");
      Files.writeString(password, "s3cret+&=\n");
      String spec =
          eventSource("secured", "audit", "      redisPassword: \"${file:" + password + "}\"\n")
              .replace("127.0.0.1:" + redis.port(), "127.0.0.1:" + secured.port());
      try (TestRuntime rt = TestRuntime.start(spec)) {
        assertThat(rt.bundle().routes().get(0).yaml()).doesNotContain("s3cret");
        Config config = new Config();
        config.useSingleServer().setAddress(secured.url()).setPassword("s3cret+&=");
        RedissonClient authed = Redisson.create(config);
        try {
          authed.getStream("audit", StringCodec.INSTANCE).add(StreamAddArgs.entry("data", "in"));
        } finally {
          authed.shutdown();
        }
        await().atMost(WAIT).until(() -> sink.deliveredBodies("/secured").contains("in"));
      }
    }
  }

  /**
   * A runtime (a child JVM running the packaged CLI) reads an entry and is killed before it could
   * deliver it; the next runtime claims the entry once it was idle for processingTimeout.
   */
  @Test
  void anEntryLeftPendingByAKilledRuntimeIsClaimedAndDelivered() throws Exception {
    sink.respondWith(r -> 503);
    String spec =
        eventSource(
            "crashing",
            "payments",
            "      stream: payments\n      redeliverInterval: 500ms\n      processingTimeout: 2s\n");
    Path dir = Files.createTempDirectory("ofn-redis-kill");
    Files.writeString(dir.resolve("eventsource.yaml"), spec);
    try (ManagedRuntime child = ManagedRuntime.start(dir, List.of())) {
      RStream<String, String> stream = client.getStream("payments", StringCodec.INSTANCE);
      // the group exists once the child's source started; only then is an entry read by it
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> stream.isExists() && !stream.listGroups().isEmpty());
      StreamMessageId id = stream.add(StreamAddArgs.entry("data", "pay-1"));
      await().atMost(WAIT).until(() -> !sink.requests().isEmpty());
      child.kill();
      long killed = System.nanoTime();
      assertThat(stream.getPendingInfo("default-crashing-payments").getTotal()).isEqualTo(1);
      sink.respondWith(r -> 200);
      try (TestRuntime next = TestRuntime.start(spec)) {
        await().atMost(WAIT).until(() -> sink.deliveredBodies("/crashing").contains("pay-1"));
        long millis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        System.out.printf(
            "[redis-reclaim] entry %s delivered %d ms after its runtime was killed"
                + " (processingTimeout 2s, redeliverInterval 500ms)%n",
            id, millis);
        assertThat(sink.delivered("/crashing").get(0).header("ce-id")).isEqualTo("payments/" + id);
        await()
            .atMost(WAIT)
            .until(() -> stream.getPendingInfo("default-crashing-payments").getTotal() == 0);
      }
    }
  }

  private Request find(String subject) {
    List<Request> all = new ArrayList<>(sink.delivered("/pubsub"));
    return all.stream()
        .filter(r -> subject.equals(r.header("ce-subject")))
        .findFirst()
        .orElseThrow();
  }

  /** An EventSource `name` with one Redis event `event` (plus `extra` lines) into sink `/name`. */
  private String eventSource(String name, String event, String extra) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: %s
        spec:
          sink:
            uri: "%s"
          delivery:
            retry: 3
            backoffDelay: 50ms
          redis:
            %s:
              redisHost: "127.0.0.1:%d"
        %s"""
        .formatted(name, sink.url("/" + name), event, redis.port(), extra);
  }
}
