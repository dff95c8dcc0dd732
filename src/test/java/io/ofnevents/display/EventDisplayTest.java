package io.ofnevents.display;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `ofn-events display` prints what an SDK sends in binary and structured mode, 1.0 and 0.3, exactly
 * as Knative's event_display does (sdk-go's Event.String()), and answers as it does.
 */
class EventDisplayTest {
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  EventDisplay display;

  @BeforeEach
  void start() throws Exception {
    display = new EventDisplay(0, new PrintStream(printed, true, UTF_8));
    display.start();
  }

  @AfterEach
  void stop() {
    display.close();
  }

  static final CloudEvent EVENT =
      CloudEventBuilder.v1()
          .withId("sdk-1")
          .withSource(URI.create("/sdk"))
          .withType("com.example.t")
          .withSubject("café")
          .withDataContentType("application/json")
          .withData("{\"k\":1}".getBytes(UTF_8))
          .withExtension("myext", "v")
          .build();

  @Test
  void aStructuredEventIsPrintedExactlyAsKnativesEventDisplayPrintsIt() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b)
        .writeStructured(EVENT, JsonFormat.CONTENT_TYPE);
    assertThat(post(headers, body[0])).isEqualTo(200);
    assertThat(printed.toString(UTF_8))
        .isEqualTo(
            """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: com.example.t
              source: /sdk
              subject: café
              id: sdk-1
              datacontenttype: application/json
            Extensions,
              myext: v
            Data,
              {
                "k": 1
              }
            """);
  }

  @Test
  void nestedJsonIsIndentedAsGoDoesItAndTimeIsRfc3339NanoInUtc() throws Exception {
    CloudEvent e =
        CloudEventBuilder.v1()
            .withId("sdk-1")
            .withSource(URI.create("/sdk"))
            .withType("com.example.t")
            .withDataContentType("application/json")
            .withTime(java.time.OffsetDateTime.parse("2026-01-31T13:00:04.120+01:00"))
            .withData("{\"a\": [1, {\"b\": \"x\\\"y\"}], \"e\": {}, \"n\": 1.50}".getBytes(UTF_8))
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b).writeBinary(e);
    assertThat(post(headers, body[0])).isEqualTo(200);
    assertThat(printed.toString(UTF_8))
        .isEqualTo(
            """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: com.example.t
              source: /sdk
              id: sdk-1
              time: 2026-01-31T12:00:04.12Z
              datacontenttype: application/json
            Data,
              {
                "a": [
                  1,
                  {
                    "b": "x\\"y"
                  }
                ],
                "e": {},
                "n": 1.50
              }
            """);
  }

  @Test
  void base64DataIsDataBinaryAndTextIsPrintedRawAndNoDataMeansNoSection() throws Exception {
    CloudEvent bin =
        CloudEventBuilder.v1()
            .withId("sdk-1")
            .withSource(URI.create("/sdk"))
            .withType("com.example.t")
            .withDataContentType("application/octet-stream")
            .withData("raw text".getBytes(UTF_8))
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b)
        .writeStructured(bin, JsonFormat.CONTENT_TYPE);
    assertThat(new String(body[0], UTF_8)).contains("data_base64");
    assertThat(post(headers, body[0])).isEqualTo(200);
    assertThat(printed.toString(UTF_8)).endsWith("Data (binary),\n  raw text\n");
    printed.reset();
    assertThat(
            post(
                Map.of("ce-specversion", "1.0", "ce-id", "x", "ce-source", "/s", "ce-type", "t"),
                new byte[0]))
        .isEqualTo(200);
    assertThat(printed.toString(UTF_8))
        .isEqualTo(
            """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: t
              source: /s
              id: x
            """);
  }

  @Test
  void aBinaryVersion03EventIsPrintedInTheOrderOfVersion03() throws Exception {
    CloudEvent v03 =
        CloudEventBuilder.v03(EVENT).withSubject("plain").withDataContentType("text/plain").build();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b).writeBinary(v03);
    assertThat(post(headers, body[0])).isEqualTo(200);
    assertThat(printed.toString(UTF_8))
        .isEqualTo(
            """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 0.3
              type: com.example.t
              source: /sdk
              subject: plain
              id: sdk-1
              datacontenttype: text/plain
            Extensions,
              myext: v
            Data,
              {"k":1}
            """);
  }

  @Test
  void healthzAnswers204() throws Exception {
    var r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + display.port() + "/healthz"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(printed.toString(UTF_8)).isEmpty();
  }

  @Test
  void theOfnFormatKeepsTheRequestLineSortedAttributesAndAnEmptyDataSection() throws Exception {
    try (EventDisplay ofn =
        new EventDisplay(0, new PrintStream(printed, true, UTF_8), DisplayFormat.OFN)) {
      ofn.start();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ofn.port() + "/x"))
              .POST(HttpRequest.BodyPublishers.noBody());
      Map.of(
              "ce-specversion",
              "1.0",
              "ce-id",
              "x",
              "ce-source",
              "/s",
              "ce-type",
              "t",
              "ce-zext",
              "z")
          .forEach(b::header);
      int code =
          HttpClient.newHttpClient()
              .send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
              .statusCode();
      assertThat(code).isEqualTo(200);
    }
    assertThat(printed.toString(UTF_8))
        .isEqualTo(
            """
            ☁️  cloudevents.Event POST /x
            Context Attributes,
              id: x
              source: /s
              specversion: 1.0
              type: t
            Extensions,
              zext: z
            Data,
              (empty)
            """);
  }

  @Test
  void aRequestThatIsNotACloudEventIsRefusedWithTheReason() throws Exception {
    assertThat(post(Map.of("Content-Type", "application/cloudevents+json"), "{oops".getBytes()))
        .isEqualTo(400);
    assertThat(printed.toString(UTF_8)).contains("invalid CloudEvent POST /: event ?: structured");
  }

  private int post(Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + display.port() + "/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return HttpClient.newHttpClient()
        .send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
