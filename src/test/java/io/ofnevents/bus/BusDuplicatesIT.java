package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * A publish JetStream drops as a duplicate is visible: a republish of the same event (a Redis entry
 * delivered again after its sink failed) is logged and counted as `republish` and reaches the
 * Trigger once; an event dropped because another message holds its `Nats-Msg-Id` is a WARN naming
 * both events and counted as `collision`; one whose original is gone from the stream, `unverified`.
 */
class BusDuplicatesIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String SUBJECT = "default-jobs-job";
  static final String SOURCE =
      "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/jobs";
  static final String METRIC = "ofn_bus_duplicates_total";

  @Test
  void duplicatesAreLoggedAndCountedByKind(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      AtomicInteger sourceSinkCalls = new AtomicInteger();
      // the EventSource's own sink fails its first call: the entry was on the bus already
      sink.respondWith(
          r -> r.path().equals("/es") && sourceSinkCalls.incrementAndGet() == 1 ? 500 : 200);
      Files.writeString(dir.resolve("resources.yaml"), resources(sink));
      RedissonClient client = redis();
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of())) {
        rt.awaitReady(Duration.ofSeconds(60));
        await()
            .atMost(WAIT)
            .until(() -> PlainNats.consumerExists(nc, SUBJECT, "default-ebft-watch"));
        RStream<String, String> stream = client.getStream("jobs", StringCodec.INSTANCE);

        StreamMessageId first = stream.add(StreamAddArgs.entry("data", "first"));
        String firstId = "job/" + first;
        await().atMost(WAIT).until(() -> rt.log().contains(republished(firstId)));
        await().atMost(WAIT).until(() -> count(rt, "republish") == 1);
        assertThat(sink.delivered("/trigger"))
            .as("the republished event reaches the Trigger once")
            .filteredOn(r -> firstId.equals(r.header("ce-id")))
            .hasSize(1);

        // another message took the Nats-Msg-Id this entry's event will have
        String collidingId = "job/99999999999999-0";
        publishForeign(nc, "foreign-1", collidingId);
        stream.add(
            new StreamMessageId(99999999999999L, 0), StreamAddArgs.entry("data", "collides"));
        await().atMost(WAIT).until(() -> count(rt, "collision") == 1);
        assertThat(
                rt.log().lines().filter(LogLines.regex(LogLines.DUPLICATE_COLLISION).asPredicate()))
            .singleElement()
            .satisfies(
                l ->
                    assertThat(l)
                        .contains("Event " + collidingId + " (source " + SOURCE + ")")
                        .contains("a different event foreign-1 (source /foreign)"));

        // the message holding it is deleted: the id is still in the window, the original gone
        String goneId = "job/99999999999999-5";
        PublishAck held = publishForeign(nc, "foreign-2", goneId);
        nc.jetStreamManagement().deleteMessage(held.getStream(), held.getSeqno());
        stream.add(new StreamMessageId(99999999999999L, 5), StreamAddArgs.entry("data", "gone"));
        await().atMost(WAIT).until(() -> count(rt, "unverified") == 1);
        assertThat(rt.log()).containsPattern(LogLines.regex(LogLines.DUPLICATE_UNVERIFIED));
        assertThat(sink.delivered("/trigger"))
            .extracting(r -> r.header("ce-id"))
            .doesNotContain(collidingId, goneId);
        assertThat(count(rt, "republish")).isEqualTo(1);
      } finally {
        client.shutdown();
      }
    }
  }

  private static String republished(String id) {
    return "Event " + id + " on " + SUBJECT + " was already on the bus";
  }

  private static double count(ManagedRuntime rt, String kind) {
    double v = rt.metrics().value(METRIC, "subject", SUBJECT, "kind", kind);
    return Double.isNaN(v) ? 0 : v;
  }

  /** A plain publisher's message on the subject, under the Nats-Msg-Id the runtime gives `id`. */
  private static PublishAck publishForeign(Connection nc, String foreignId, String id)
      throws Exception {
    Headers h =
        new Headers()
            .put("ce-id", foreignId)
            .put("ce-source", "/foreign")
            .put("ce-specversion", "1.0")
            .put("ce-type", "t")
            .put("Nats-Msg-Id", BusMessage.dedupId(SOURCE, id, null));
    return PlainNats.publish(nc, SUBJECT, h, "foreign".getBytes());
  }

  private static RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(BusDuplicatesIT.redis.url());
    return Redisson.create(config);
  }

  private static String resources(RecordingSink sink) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: %1$s
            jetstream: {ackWait: 5s}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: jobs}
        spec:
          eventBus: default
          sink: {uri: "%2$s"}
          delivery: {retry: 0}
          redis:
            job:
              redisHost: "127.0.0.1:%3$d"
              stream: jobs
              redeliverInterval: 500ms
              processingTimeout: 1s
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: watch}
        spec:
          eventBus: default
          inputs:
            job: {eventSource: jobs, event: job}
          subscribers:
            - condition: job
              sink: {uri: "%4$s"}
        """
        .formatted(nats.url(), sink.url("/es"), redis.port(), sink.url("/trigger"));
  }
}
