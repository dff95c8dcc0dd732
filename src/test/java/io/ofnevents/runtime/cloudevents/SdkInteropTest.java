package io.ofnevents.runtime.cloudevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.net.URLDecoder;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our CloudEvent reading and writing, checked against the official CloudEvents Java SDK (4.0.1):
 * what we write (HTTP and NATS binary headers, structured JSON, batches) the SDK reads as the same
 * event, and what the SDK writes we read as the same event.
 *
 * <p>The SDK neither percent-encodes nor percent-decodes header values (sdk-java#748; sdk-go does
 * neither either), so values that need encoding are compared after decoding the SDK's reading with
 * the JDK's URL decoder, an implementation we did not write either.
 */
class SdkInteropTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EventFormat SDK_JSON =
      EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

  static CloudEvent ours(String specversion, String contentType, byte[] data) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("specversion", specversion);
    a.put("id", "orders/events-0-42");
    a.put("source", "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/es");
    a.put("type", "io.openfunction.events.kafka");
    a.put("subject", "café ☕ 100% \"quoted\" + more");
    a.put("time", "2026-01-02T03:04:05.678Z");
    if (contentType != null) a.put("datacontenttype", contentType);
    a.put("ofnevent", "orders");
    a.put("ofnerrordata", "Zm9vIGJhcg==");
    return new CloudEvent(a, data);
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void theSdkReadsOurBinaryHeaders(Binding binding) {
    CloudEvent e = ours("1.0", "application/json", "{\"n\":1}".getBytes(UTF_8));
    Map<String, String> headers = binding.binaryHeaders(e);
    // the SDK has no NATS binding; NATS binary mode uses the same ce- header names as HTTP
    io.cloudevents.CloudEvent sdk = HttpMessageFactory.createReader(headers, e.data()).toEvent();
    assertThat(sdk.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(sdk.getId()).isEqualTo(e.id());
    assertThat(sdk.getSource()).isEqualTo(URI.create(e.source()));
    assertThat(sdk.getType()).isEqualTo(e.attribute("type"));
    assertThat(sdk.getTime()).isEqualTo(OffsetDateTime.parse(e.attribute("time")));
    assertThat(sdk.getDataContentType()).isEqualTo("application/json");
    assertThat(urlDecode(sdk.getSubject())).isEqualTo(e.attribute("subject"));
    assertThat(sdk.getExtension("ofnevent")).isEqualTo("orders");
    assertThat(sdk.getExtension("ofnerrordata")).isEqualTo("Zm9vIGJhcg==");
    assertThat(sdk.getData().toBytes()).isEqualTo(e.data());
  }

  @Test
  void theSdkReadsOurStructuredEventsWithJsonTextAndBinaryData() throws Exception {
    byte[] binary = {0, (byte) 0xff, (byte) 0xc0, 1};
    List<CloudEvent> events =
        List.of(
            ours(
                "1.0",
                "application/json",
                "{\"n\":1, \"big\": 0.10000000000000000001}".getBytes(UTF_8)),
            ours("1.0", "text/plain; charset=utf-8", "plain café".getBytes(UTF_8)),
            ours("1.0", "application/octet-stream", binary),
            ours("1.0", null, binary),
            ours("1.0", "application/json", "not json".getBytes(UTF_8)),
            ours("0.3", "application/octet-stream", binary),
            ours("1.0", null, new byte[0]));
    for (CloudEvent e : events) {
      io.cloudevents.CloudEvent sdk = SDK_JSON.deserialize(structured(e));
      assertThat(sdk.getSpecVersion().toString()).isEqualTo(e.specVersion());
      assertThat(sdk.getId()).isEqualTo(e.id());
      assertThat(sdk.getSubject()).isEqualTo(e.attribute("subject"));
      assertThat(sdk.getDataContentType()).isEqualTo(e.dataContentType());
      assertThat(sdk.getExtension("ofnevent")).isEqualTo("orders");
      byte[] data = sdk.getData() == null ? new byte[0] : sdk.getData().toBytes();
      if (e.dataContentType() != null
          && e.dataContentType().contains("json")
          && data.length > 0
          && !new String(e.data(), UTF_8).startsWith("not")) {
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree(e.data()));
      } else {
        assertThat(data).as("data of %s", e.dataContentType()).isEqualTo(e.data());
      }
    }
  }

  @Test
  void theSdkReadsEachEventOfOurBatch() {
    CloudEvent a = ours("1.0", "text/plain", "a".getBytes(UTF_8));
    CloudEvent b = ours("1.0", "application/json", "[1,2]".getBytes(UTF_8)).with("id", "b");
    byte[] batch = io.ofnevents.runtime.cloudevents.JsonFormat.writeBatch(List.of(a, b));
    List<io.cloudevents.CloudEvent> sdk = new java.util.ArrayList<>();
    jsonTree(batch).forEach(node -> sdk.add(SDK_JSON.deserialize(node.toString().getBytes(UTF_8))));
    assertThat(sdk).extracting(io.cloudevents.CloudEvent::getId).containsExactly(a.id(), "b");
    assertThat(sdk.get(0).getData().toBytes()).isEqualTo("a".getBytes(UTF_8));
  }

  @Test
  void weReadWhatTheSdkWritesInBinaryAndStructuredModeForBothVersions() {
    for (io.cloudevents.CloudEvent sdk : sdkEvents()) {
      Map<String, String> binary = new LinkedHashMap<>();
      byte[][] body = new byte[1][];
      HttpMessageFactory.createWriter(binary::put, b -> body[0] = b).writeBinary(sdk);
      Map<String, String> structured = new LinkedHashMap<>();
      byte[][] json = new byte[1][];
      HttpMessageFactory.createWriter(structured::put, b -> json[0] = b)
          .writeStructured(sdk, JsonFormat.CONTENT_TYPE);
      for (Binding binding : Binding.values()) {
        assertSame(sdk, binding.read(binary, body[0]));
        assertSame(sdk, binding.read(structured, json[0]));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Binding.class)
  void valuesTheSdkSendsUnencodedAreTakenAsSentAndReported(Binding binding) {
    io.cloudevents.CloudEvent sdk =
        CloudEventBuilder.v1()
            .withId("p-1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withSubject("50%off")
            .withExtension("note", "100%C0%A0")
            .withExtension("plain", "ok")
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    HttpMessageFactory.createWriter(headers::put, b -> {}).writeBinary(sdk);
    assertThat(headers).containsEntry("ce-subject", "50%off"); // as sdk-java#748 says
    List<String> reported = new java.util.ArrayList<>();
    CloudEvent ours =
        binding.read(
            headers,
            new byte[0],
            (id, header, reason) -> reported.add(id + " " + header + ": " + reason));
    assertThat(ours.attribute("subject")).isEqualTo("50%off");
    assertThat(ours.attribute("note")).isEqualTo("100%C0%A0");
    assertThat(ours.attribute("plain")).isEqualTo("ok");
    assertThat(reported)
        .hasSize(2)
        .anySatisfy(r -> assertThat(r).startsWith("p-1 ce-subject: a % not followed"))
        .anySatisfy(
            r -> assertThat(r).startsWith("p-1 ce-note: its percent-escapes are not UTF-8"));
    // and the same event written again by us is read by the SDK with its value intact
    io.cloudevents.CloudEvent back =
        HttpMessageFactory.createReader(binding.binaryHeaders(ours), ours.data()).toEvent();
    assertThat(urlDecode(back.getSubject())).isEqualTo("50%off");
  }

  @Test
  void aWellFormedEscapeFromTheSdkIsDecodedTheOneAmbiguityTheBindingsLeave() {
    // the SDK sends "caf%C3%A9" as it is; an encoding sender would have sent "caf%25C3%25A9"
    io.cloudevents.CloudEvent sdk =
        CloudEventBuilder.v1()
            .withId("p-2")
            .withSource(URI.create("/s"))
            .withType("t")
            .withSubject("caf%C3%A9")
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    HttpMessageFactory.createWriter(headers::put, b -> {}).writeBinary(sdk);
    assertThat(Binding.HTTP.read(headers, new byte[0]).attribute("subject")).isEqualTo("café");
  }

  @Test
  void aStructuredEventThatIsNoJsonIsStillRefusedWithWhatIsWrong() {
    Map<String, String> headers = Map.of("Content-Type", JsonFormat.CONTENT_TYPE);
    assertThatThrownBy(() -> Binding.NATS.read(headers, "{not json".getBytes(UTF_8)))
        .isInstanceOf(InvalidCloudEventException.class)
        .hasMessageContaining("structured event");
  }

  private static List<io.cloudevents.CloudEvent> sdkEvents() {
    URI source = URI.create("/sdk/source");
    return List.of(
        CloudEventBuilder.v1()
            .withId("v1-json")
            .withSource(source)
            .withType("sdk.t")
            .withSubject("a b")
            .withTime(OffsetDateTime.parse("2026-01-02T03:04:05Z"))
            .withDataContentType("application/json")
            .withData("{\"k\":\"v\"}".getBytes(UTF_8))
            .withExtension("myext", "x")
            .withExtension("count", 3)
            .build(),
        CloudEventBuilder.v1()
            .withId("v1-bin")
            .withSource(source)
            .withType("sdk.t")
            .withDataContentType("application/octet-stream")
            .withData(new byte[] {1, 2, (byte) 0xfe})
            .build(),
        CloudEventBuilder.v03()
            .withId("v03-text")
            .withSource(source)
            .withType("sdk.t")
            .withDataContentType("text/plain")
            .withData("hello".getBytes(UTF_8))
            .withDataSchema(URI.create("http://schema/x"))
            .build(),
        CloudEventBuilder.v1().withId("v1-empty").withSource(source).withType("sdk.t").build());
  }

  private static void assertSame(io.cloudevents.CloudEvent sdk, CloudEvent ours) {
    assertThat(ours.specVersion()).isEqualTo(sdk.getSpecVersion().toString());
    assertThat(ours.id()).isEqualTo(sdk.getId());
    assertThat(ours.source()).isEqualTo(sdk.getSource().toString());
    assertThat(ours.attribute("type")).isEqualTo(sdk.getType());
    assertThat(ours.attribute("subject")).isEqualTo(sdk.getSubject());
    assertThat(ours.dataContentType()).isEqualTo(sdk.getDataContentType());
    if (sdk.getTime() != null) {
      assertThat(OffsetDateTime.parse(ours.attribute("time"))).isEqualTo(sdk.getTime());
    }
    String schemaName = sdk.getSpecVersion().toString().equals("0.3") ? "schemaurl" : "dataschema";
    assertThat(ours.attribute(schemaName))
        .isEqualTo(sdk.getDataSchema() == null ? null : sdk.getDataSchema().toString());
    for (String ext : sdk.getExtensionNames()) {
      assertThat(ours.attribute(ext)).isEqualTo(String.valueOf(sdk.getExtension(ext)));
    }
    byte[] data = sdk.getData() == null ? new byte[0] : sdk.getData().toBytes();
    assertThat(ours.data()).isEqualTo(data);
  }

  private static byte[] structured(CloudEvent e) {
    return io.ofnevents.runtime.cloudevents.JsonFormat.write(e);
  }

  private static com.fasterxml.jackson.databind.JsonNode jsonTree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String urlDecode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), UTF_8);
  }
}
