package io.ofnevents.bus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.RedisServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

/**
 * What the runtime puts on the wire, read by the official CloudEvents Java SDK: the HTTP binary
 * requests to a sink, the dead letters, and the NATS messages a Trigger republishes to a topic; and
 * what the SDK writes (binary and structured, 1.0 and 0.3, as NATS messages of a plain publisher)
 * is taken by the bus consumer as the same event. A structured event in a Redis entry is data to a
 * source: it arrives byte for byte.
 *
 * <p>The SDK does not percent-encode or decode header values (sdk-java#748): values we encode are
 * compared after the JDK's URL decoder, and the SDK's binary events here use ASCII values.
 */
class CloudEventsWireIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  @RegisterExtension static final ServerExtension<RedisServer> redis = ServerExtension.redis();

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String IN = "default-producer-in";
  static final String FORWARDED = "forwarded";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSdkReadsWhatWeSendAndWeTakeWhatTheSdkSends() throws Exception {
    List<CloudEvent> sent = sdkEvents();
    try (RecordingSink sink = RecordingSink.start();
        Connection nc = PlainNats.connect(nats.url())) {
      sink.respondWith(r -> r.path().equals("/refuses") ? 400 : 200);
      RedissonClient client = redis();
      try (TestRuntime rt = TestRuntime.start(resources(sink))) {
        await().atMost(WAIT).until(() -> PlainNats.consumerExists(nc, IN, "default-ebft-wire"));
        for (int i = 0; i < sent.size(); i++) publish(nc, sent.get(i), i % 2 == 0);
        byte[] envelope = new JsonFormat().serialize(sent.get(0));
        client
            .getStream("records", ByteArrayCodec.INSTANCE)
            .add(StreamAddArgs.entry("data".getBytes(UTF_8), envelope));

        await()
            .atMost(WAIT)
            .until(
                () ->
                    sink.delivered("/ok").size() == sent.size()
                        && sink.delivered("/dead").size() == sent.size()
                        && stored(nc) == sent.size()
                        && !sink.delivered("/records").isEmpty());
        for (CloudEvent original : sent) {
          CloudEvent atSink = sdk(only(sink.delivered("/ok"), original.getId()));
          sameEvent(atSink, original);
          assertThat(atSink.getExtension("ofntrigger")).isEqualTo("wire");
          assertThat(atSink.getExtension("ofninput")).isEqualTo("incoming");

          CloudEvent dead = sdk(only(sink.delivered("/dead"), original.getId()));
          sameEvent(dead, original);
          assertThat(dead.getExtension("ofnerrorcode")).isEqualTo("400");
          assertThat(dead.getExtension("ofnerrordest")).isEqualTo(sink.url("/refuses"));
          assertThat(Base64.getDecoder().decode(dead.getExtension("ofnerrordata").toString()))
              .isEqualTo("failure 400".getBytes(UTF_8));

          sameEvent(forwarded(nc, original.getId()), original);
        }
        // a source carries a record as data, whatever it contains
        assertThat(sink.delivered("/records").get(0).body()).isEqualTo(envelope);
      } finally {
        client.shutdown();
      }
    }
  }

  /** SDK events: binary with ASCII values, structured with any; 1.0 and 0.3; JSON, text, bytes. */
  private static List<CloudEvent> sdkEvents() {
    URI source = URI.create("/sdk/producer");
    OffsetDateTime time = OffsetDateTime.parse("2026-01-02T03:04:05.678Z");
    return List.of(
        CloudEventBuilder.v1()
            .withId("sdk-json")
            .withSource(source)
            .withType("com.example.order")
            .withSubject("caf\u00e9 \u2615 100% \"q\"")
            .withTime(time)
            .withDataContentType("application/json")
            .withData("{\"order\":42,\"items\":[1,2]}".getBytes(UTF_8))
            .withExtension("tenant", "acme")
            .build(),
        CloudEventBuilder.v1()
            .withId("sdk-text")
            .withSource(source)
            .withType("com.example.note")
            .withSubject("a b")
            .withDataContentType("text/plain")
            .withData("plain text".getBytes(UTF_8))
            .build(),
        CloudEventBuilder.v03()
            .withId("sdk-v03-bytes")
            .withSource(source)
            .withType("com.example.blob")
            .withSubject("caf\u00e9")
            .withDataContentType("application/octet-stream")
            .withData(new byte[] {0, (byte) 0xff, (byte) 0xc0, 7})
            .build(),
        CloudEventBuilder.v03()
            .withId("sdk-v03-json")
            .withSource(source)
            .withType("com.example.order")
            .withDataContentType("application/json")
            .withData("{\"v\":3}".getBytes(UTF_8))
            .build());
  }

  /**
   * Publishes as a plain NATS client would with the SDK: structured mode for the even ones (any
   * text), binary mode (the SDK's HTTP header names) for the others.
   */
  private static void publish(Connection nc, CloudEvent e, boolean structured) throws Exception {
    Headers h = new Headers();
    byte[][] body = new byte[1][];
    var writer = HttpMessageFactory.createWriter(h::put, b -> body[0] = b);
    if (structured) writer.writeStructured(e, JsonFormat.CONTENT_TYPE);
    else writer.writeBinary(e);
    PlainNats.publish(nc, IN, h, body[0] == null ? new byte[0] : body[0]);
  }

  private static void sameEvent(CloudEvent got, CloudEvent sent) throws Exception {
    assertThat(got.getSpecVersion()).isEqualTo(sent.getSpecVersion());
    assertThat(got.getId()).isEqualTo(sent.getId());
    assertThat(got.getSource()).isEqualTo(sent.getSource());
    assertThat(got.getType()).isEqualTo(sent.getType());
    if (sent.getTime() != null) assertThat(got.getTime()).isEqualTo(sent.getTime());
    else assertThat(got.getTime()).as("the bus's time, as documented").isNotNull();
    assertThat(got.getDataContentType()).isEqualTo(sent.getDataContentType());
    assertThat(got.getSubject() == null ? null : urlDecode(got.getSubject()))
        .as("subject of %s", sent.getId())
        .isEqualTo(sent.getSubject());
    for (String ext : sent.getExtensionNames()) {
      assertThat(got.getExtension(ext)).isEqualTo(sent.getExtension(ext));
    }
    byte[] data = got.getData().toBytes();
    if (sent.getDataContentType().equals("application/json")) {
      assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree(sent.getData().toBytes()));
    } else {
      assertThat(data).isEqualTo(sent.getData().toBytes());
    }
  }

  private static Request only(List<Request> requests, String id) {
    List<Request> found = requests.stream().filter(r -> id.equals(r.header("ce-id"))).toList();
    assertThat(found).as("requests with ce-id %s", id).hasSize(1);
    return found.get(0);
  }

  private static CloudEvent sdk(Request r) {
    return HttpMessageFactory.createReader(r.headers(), r.body()).toEvent();
  }

  private static long stored(Connection nc) {
    try {
      return nc.jetStreamManagement()
          .getStreamInfo("OFN_" + FORWARDED)
          .getStreamState()
          .getMsgCount();
    } catch (Exception notYet) {
      return 0;
    }
  }

  /** The message the Trigger republished for `id`, read by the SDK from its NATS headers. */
  private static CloudEvent forwarded(Connection nc, String id) throws Exception {
    var jsm = nc.jetStreamManagement();
    long last = jsm.getStreamInfo("OFN_" + FORWARDED).getStreamState().getLastSequence();
    for (long seq = 1; seq <= last; seq++) {
      MessageInfo m = jsm.getMessage("OFN_" + FORWARDED, seq);
      if (!id.equals(m.getHeaders().getFirst("ce-id"))) continue;
      assertThat(m.getHeaders().getFirst("Nats-Msg-Id")).hasSize(43);
      Map<String, String> headers = new LinkedHashMap<>();
      m.getHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
      // the SDK has no NATS binding; NATS binary mode uses the HTTP binding's ce- names
      return HttpMessageFactory.createReader(headers, m.getData()).toEvent();
    }
    throw new AssertionError("no message for " + id + " on " + FORWARDED);
  }

  private static String urlDecode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), UTF_8);
  }

  private static RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(CloudEventsWireIT.redis.url());
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
        kind: Trigger
        metadata: {name: wire}
        spec:
          eventBus: default
          inputs:
            incoming: {eventSource: producer, event: in}
          subscribers:
            - condition: incoming
              sink: {uri: "%2$s"}
            - condition: incoming
              sink: {uri: "%3$s"}
              delivery: {retry: 0}
              deadLetterSink: {uri: "%4$s"}
            - condition: incoming
              topic: %5$s
        ---
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: records}
        spec:
          sink: {uri: "%6$s"}
          redis:
            record:
              redisHost: "127.0.0.1:%7$d"
              stream: records
        """
        .formatted(
            nats.url(),
            sink.url("/ok"),
            sink.url("/refuses"),
            sink.url("/dead"),
            FORWARDED,
            sink.url("/records"),
            redis.port());
  }
}
