package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

/**
 * Malformed and awkward events at run time, against the packaged runtime (a child JVM): plain NATS
 * publishers put a non-UTF-8 body, an empty body, a message without any CloudEvent header, a 5 MB
 * body and percent-encoded attributes on a Trigger's input; a sink hangs past its timeout; and a
 * Redis source produces an event larger than the NATS server takes. The runtime keeps running,
 * every event reaches its sink or the dead letter (with the error in its extensions), and the one
 * the bus cannot take is kept by its source and reported with its id, never dropped.
 */
class MalformedEventsIT {
  static final int MAX_PAYLOAD = 6 << 20;

  @RegisterExtension
  static final ServerExtension<NatsServer> nats =
      ServerExtension.of(NatsServer.builder().maxPayload(MAX_PAYLOAD).build());

  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String IN = "default-producer-in";
  static final String SLOW = "default-producer-slow";
  static final String TOKEN = "malformed-t0ken";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theRuntimeKeepsRunningAndNoEventVanishes(@TempDir Path dir) throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        RecordingSink hanging = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      hanging.delay(Duration.ofSeconds(20));
      Files.writeString(dir.resolve("resources.yaml"), resources(sink, hanging));
      RedissonClient redisClient = redis();
      try (ManagedRuntime rt = ManagedRuntime.start(dir, List.of("--console-token", TOKEN))) {
        rt.awaitReady(Duration.ofSeconds(60));
        await()
            .atMost(WAIT)
            .until(
                () ->
                    PlainNats.consumerExists(nc, IN, "default-ebft-malformed")
                        && PlainNats.consumerExists(nc, SLOW, "default-ebft-hanging"));

        Map<String, byte[]> sent = publishMalformed(nc);
        long broken = publishUnreadable(nc);
        await()
            .atMost(WAIT)
            .until(() -> sink.delivered("/in").size() >= sent.size() && dead(sink).size() == 1);
        bodiesArriveByteForByte(sink, sent);
        theHangingSinkTimedOutAndTheEventWasDeadLettered(sink, hanging);

        List<String> deliveries = new ArrayList<>();
        sink.delivered("/in").forEach(r -> deliveries.add(r.header("ce-id")));
        dead(sink).forEach(r -> deliveries.add(r.header("ce-id")));
        List<String> ids = new ArrayList<>(sent.keySet());
        ids.add("slow-1");
        FaultReport.of("malformed-events", ids, deliveries).check();

        valuesTheSdksSendUnencodedAreTakenAsSentWarnedOnceAndCounted(rt, sink);
        anUnreadableMessageIsParkedAtOnceNotRedelivered(rt, broken);

        tooLargeForTheBusIsKeptAndReported(rt, redisClient, sink);

        assertThat(rt.process().isAlive()).isTrue();
        assertThat(rt.status("/health/live")).isEqualTo(200);
        assertThat(rt.status("/health/ready")).isEqualTo(200);
        assertThat(rt.log()).as("user errors never print a stack trace").doesNotContain("\tat ");
      } finally {
        redisClient.shutdown();
      }
    }
  }

  /** Publishes every malformed kind to the Trigger's input; returns ce-id → body. */
  private static Map<String, byte[]> publishMalformed(Connection nc) throws Exception {
    Map<String, byte[]> sent = new LinkedHashMap<>();
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, (byte) 0x80};
    publish(nc, PlainNats.event("not-utf8"), notUtf8);
    sent.put("not-utf8", notUtf8);
    publish(nc, PlainNats.event("empty"), new byte[0]);
    sent.put("empty", new byte[0]);
    byte[] big = new byte[5 << 20];
    new Random(42).nextBytes(big);
    publish(nc, PlainNats.event("five-mb"), big);
    sent.put("five-mb", big);
    // attributes outside printable ASCII arrive percent-encoded, as the HTTP binding writes them
    Headers encoded = PlainNats.event("encoded").put("ce-subject", "caf%C3%A9 %E2%98%95");
    publish(nc, encoded, "x".getBytes());
    sent.put("encoded", "x".getBytes());
    // the official Java and Go SDKs do not percent-encode (sdk-java#748): a raw `%` and escapes
    // that are not UTF-8, on two events, so that each header is warned about once
    for (String id : List.of("sdk-raw-1", "sdk-raw-2")) {
      Headers sdk = PlainNats.event(id).put("ce-subject", "50%off").put("ce-ofnnote", "100%C0%A0");
      publish(nc, sdk, id.getBytes());
      sent.put(id, id.getBytes());
    }
    // a plain NATS publisher: no header at all; the id becomes {stream}-{sequence}
    PublishAck plain = publish(nc, null, "plain".getBytes());
    sent.put("OFN_" + IN + "-" + plain.getSeqno(), "plain".getBytes());
    PlainNats.publish(nc, SLOW, PlainNats.event("slow-1"), "slow".getBytes());
    return sent;
  }

  /**
   * A structured-mode message whose envelope is no JSON: no subscriber can have it, and delivering
   * it again cannot help. Returns its stream sequence.
   */
  private static long publishUnreadable(Connection nc) throws Exception {
    Headers h = new Headers().put("Content-Type", "application/cloudevents+json");
    return publish(nc, h, "{not json".getBytes()).getSeqno();
  }

  /**
   * The SDK-style values reach the sink as they were sent (encoded by our HTTP binding, so an SDK
   * decoding them gets `50%off` back); one WARN per header, not per event, and a counter.
   */
  private static void valuesTheSdksSendUnencodedAreTakenAsSentWarnedOnceAndCounted(
      ManagedRuntime rt, RecordingSink sink) {
    List<Request> sdk =
        sink.delivered("/in").stream()
            .filter(r -> r.header("ce-id").startsWith("sdk-raw-"))
            .toList();
    assertThat(sdk)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.header("ce-subject")).isEqualTo("50%25off");
              assertThat(r.header("ce-ofnnote")).isEqualTo("100%25C0%25A0");
            });
    List<String> warned =
        rt.log()
            .lines()
            .filter(LogLines.regex(LogLines.HEADER_KEPT_AS_SENT).asPredicate())
            .toList();
    assertThat(warned)
        .hasSize(2)
        .anySatisfy(
            l -> assertThat(l).contains("Event sdk-raw-1 on " + IN).contains("header ce-subject"))
        .anySatisfy(l -> assertThat(l).contains("header ce-ofnnote").contains("not UTF-8"));
    assertThat(rt.metrics().value("ofn_bus_header_values_raw_total", "subject", IN)).isEqualTo(4);
  }

  /**
   * The broken envelope is parked on its first delivery with the reason, listed by /api/parked as
   * having no subscriber, refused for replay (409) and dropped; it was never nak'ed.
   */
  private static void anUnreadableMessageIsParkedAtOnceNotRedelivered(ManagedRuntime rt, long seq)
      throws Exception {
    String id = "OFN_" + IN + "-" + seq;
    JsonNode[] parked = new JsonNode[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              parked[0] = JSON.readTree(rt.get("/api/parked?trigger=default/malformed").body());
              return parked[0].path("parked").size() == 1;
            });
    JsonNode p = parked[0].path("parked").get(0);
    assertThat(p.path("eventId").asText()).isEqualTo(id);
    assertThat(p.path("subscriber").asInt()).isEqualTo(-1);
    assertThat(p.path("subject").asText()).isEqualTo(IN);
    assertThat(p.path("error").path("code").asInt()).isEqualTo(-1);
    assertThat(new String(Base64.getDecoder().decode(p.path("error").path("data").asText())))
        .contains("structured event");
    assertThat(p.path("attributes").path("Content-Type").asText())
        .isEqualTo("application/cloudevents+json");
    JsonNode full = JSON.readTree(rt.get("/api/parked/" + p.path("id").asText()).body());
    assertThat(Base64.getDecoder().decode(full.path("data").asText()))
        .isEqualTo("{not json".getBytes());
    assertThat(
            rt.log()
                .lines()
                .filter(LogLines.regex(LogLines.PARKED_UNREADABLE).asPredicate())
                .filter(l -> l.contains("Event " + id + " on " + IN)))
        .as("parked once, on its first delivery")
        .hasSize(1);
    assertThat(rt.log())
        .doesNotContain("Event ? on " + IN + " failed")
        .doesNotContain(id + " on " + IN + " failed");
    assertThat(rt.metrics().value("ofn_bus_events_unreadable_total", "subject", IN)).isEqualTo(1);

    HttpResponse<String> replay = post(rt, "/api/parked/" + p.path("id").asText() + "/replay");
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
    assertThat(replay.body()).contains("could not be read as a CloudEvent");
    HttpResponse<String> drop = post(rt, "/api/parked/" + p.path("id").asText() + "/drop");
    assertThat(drop.statusCode()).as(drop.body()).isEqualTo(200);
  }

  private static HttpResponse<String> post(ManagedRuntime rt, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void bodiesArriveByteForByte(RecordingSink sink, Map<String, byte[]> sent) {
    for (Request r : sink.delivered("/in")) {
      String id = r.header("ce-id");
      assertThat(sent).as("a delivered id was sent").containsKey(id);
      assertThat(r.body()).as(id).isEqualTo(sent.get(id));
    }
    Request plain =
        sink.delivered("/in").stream()
            .filter(r -> r.header("ce-id").startsWith("OFN_"))
            .findFirst()
            .orElseThrow();
    assertThat(plain.header("ce-type")).isEqualTo("io.openfunction.events.nats");
    assertThat(plain.header("ce-source")).isEqualTo("/nats/subjects/default-producer-in");
    assertThat(plain.header("ce-specversion")).isEqualTo("1.0");
    assertThat(plain.header("ce-ofntrigger")).isEqualTo("malformed");
    Request encoded =
        sink.delivered("/in").stream()
            .filter(r -> r.header("ce-id").equals("encoded"))
            .findFirst()
            .orElseThrow();
    assertThat(encoded.header("ce-subject")).isEqualTo("caf%C3%A9%20%E2%98%95");
  }

  private static void theHangingSinkTimedOutAndTheEventWasDeadLettered(
      RecordingSink sink, RecordingSink hanging) {
    Request dead = dead(sink).get(0);
    assertThat(dead.header("ce-id")).isEqualTo("slow-1");
    assertThat(dead.bodyText()).isEqualTo("slow");
    assertThat(dead.header("ce-ofnerrorcode")).isEqualTo("-1");
    assertThat(dead.header("ce-ofnerrordest")).isEqualTo(hanging.url("/hang"));
    // two attempts of 500 ms each (retry: 1), not the 20 s the sink would take
    assertThat(hanging.requests()).hasSize(2).allMatch(r -> r.header("ce-id").equals("slow-1"));
  }

  /**
   * A 7 MB Redis stream entry cannot go on a bus whose server takes 6 MB: the publish is refused at
   * once with the event id, the entry stays pending in Redis (claimed and tried again), and the
   * events after it still flow.
   */
  private void tooLargeForTheBusIsKeptAndReported(
      ManagedRuntime rt, RedissonClient client, RecordingSink sink) throws Exception {
    RStream<byte[], byte[]> stream = client.getStream("uploads", ByteArrayCodec.INSTANCE);
    await().atMost(WAIT).until(() -> stream.isExists() && !stream.listGroups().isEmpty());
    byte[] huge = new byte[7 << 20];
    Arrays.fill(huge, (byte) 'x');
    StreamMessageId tooLarge = stream.add(StreamAddArgs.entry("data".getBytes(), huge));
    StreamMessageId after = stream.add(StreamAddArgs.entry("data".getBytes(), "small".getBytes()));
    await()
        .atMost(WAIT)
        .until(
            () ->
                sink.delivered("/uploads").stream()
                    .anyMatch(r -> r.header("ce-id").equals("files/" + after)));
    await() // refused once, claimed after processingTimeout, refused again: retried, not dropped
        .atMost(WAIT)
        .until(() -> count(rt.log(), tooLarge + " not acknowledged") >= 2);
    assertThat(rt.log().lines().filter(LogLines.regex(LogLines.EVENT_TOO_LARGE).asPredicate()))
        .as("the refusal names the event, the limit and the subject")
        .isNotEmpty()
        .allMatch(l -> l.contains("event files/" + tooLarge + " is "))
        .allMatch(l -> l.contains(" " + MAX_PAYLOAD + " bytes"))
        .allMatch(l -> l.contains("on default-uploads-files"));
    assertThat(stream.getPendingInfo("default-uploads-files").getTotal()).isEqualTo(1);
    assertThat(sink.delivered("/uploads"))
        .noneMatch(r -> r.header("ce-id").equals("files/" + tooLarge));
    PrometheusText m = rt.metrics();
    assertThat(m.value("ofn_eventsource_events_failed_total", "eventsource", "uploads"))
        .isGreaterThanOrEqualTo(2);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }

  private static List<Request> dead(RecordingSink sink) {
    return sink.delivered("/dead");
  }

  private static PublishAck publish(Connection nc, Headers h, byte[] body) throws Exception {
    return PlainNats.publish(nc, IN, h, body);
  }

  private static RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(MalformedEventsIT.redis.url());
    return Redisson.create(config);
  }

  private static String resources(RecordingSink sink, RecordingSink hanging) {
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
        kind: Trigger
        metadata: {name: malformed}
        spec:
          eventBus: default
          inputs:
            incoming: {eventSource: producer, event: in}
          subscribers:
            - condition: incoming
              sink: {uri: "%2$s"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: hanging}
        spec:
          eventBus: default
          inputs:
            slow: {eventSource: producer, event: slow}
          subscribers:
            - condition: slow
              sink: {uri: "%3$s"}
              delivery: {retry: 1, backoffDelay: 100ms, timeout: 500ms}
              deadLetterSink: {uri: "%4$s"}
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: uploads}
        spec:
          eventBus: default
          sink: {uri: "%5$s"}
          redis:
            files:
              redisHost: "127.0.0.1:%6$d"
              stream: uploads
              redeliverInterval: 500ms
              processingTimeout: 1s
        """
        .formatted(
            nats.url(),
            sink.url("/in"),
            hanging.url("/hang"),
            sink.url("/dead"),
            sink.url("/uploads"),
            redis.port());
  }
}
