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

/** `ofn-events display` prints what an SDK sends in binary and structured mode, 1.0 and 0.3. */
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
  void aStructuredEventIsPrintedAsItsAttributesAndDataNotAsAnEnvelope() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b)
        .writeStructured(EVENT, JsonFormat.CONTENT_TYPE);
    assertThat(post(headers, body[0])).isEqualTo(202);
    assertThat(printed.toString(UTF_8))
        .contains("  id: sdk-1\n", "  subject: café\n", "  datacontenttype: application/json\n")
        .contains("Extensions,\n  myext: v\n", "Data,\n  {\"k\":1}\n")
        .doesNotContain("specversion\":");
  }

  @Test
  void aBinaryVersion03EventIsPrinted() throws Exception {
    CloudEvent v03 = CloudEventBuilder.v03(EVENT).withSubject("plain").build();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[][] body = new byte[1][];
    HttpMessageFactory.createWriter(headers::put, b -> body[0] = b).writeBinary(v03);
    assertThat(post(headers, body[0])).isEqualTo(202);
    assertThat(printed.toString(UTF_8)).contains("  specversion: 0.3\n", "  subject: plain\n");
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
