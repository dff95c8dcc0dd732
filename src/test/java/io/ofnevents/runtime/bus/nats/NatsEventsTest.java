package io.ofnevents.runtime.bus.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events on NATS as the CloudEvents NATS binding maps them, both ways. */
class NatsEventsTest {
  static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void attributesAreEncodedAndDatacontenttypeIsWrittenUnderTheBindingsName() {
    Headers h =
        NatsEvents.headers(
            new BusMessage(
                Map.of("ce-id", "e-1", "ce-subject", "é 1", "Content-Type", "text/plain; a=b"),
                new byte[0],
                "msg-1"));
    assertThat(h.getFirst("ce-id")).isEqualTo("e-1");
    assertThat(h.getFirst("ce-subject")).isEqualTo("%C3%A9%201");
    assertThat(h.getFirst("ce-datacontenttype")).isEqualTo("text/plain;%20a=b");
    // for plain NATS consumers that look at the usual header
    assertThat(h.getFirst("Content-Type")).isEqualTo("text/plain; a=b");
    assertThat(h.getFirst(NatsEvents.MSG_ID)).isEqualTo("msg-1");
  }

  @Test
  void datacontenttypeIsReadFromItsOwnHeaderElseFromContentType() {
    BusMessage own =
        read(new Headers().put("ce-id", "1").put("ce-datacontenttype", "application/json"), "{}");
    assertThat(own.headers()).containsEntry("Content-Type", "application/json");
    BusMessage plain = read(new Headers().put("content-type", "text/csv"), "a,b");
    assertThat(plain.headers()).containsEntry("Content-Type", "text/csv");
    BusMessage both =
        read(
            new Headers()
                .put("Content-Type", "application/octet-stream")
                .put("ce-datacontenttype", "text/plain"),
            "x");
    assertThat(both.headers()).containsEntry("Content-Type", "text/plain");
  }

  @Test
  void aStructuredModeMessageIsUnwrappedNotCarriedAsData() {
    String envelope =
        """
        {"specversion":"1.0","id":"s-1","source":"/plain","type":"t","subject":"caf\u00e9",
         "datacontenttype":"application/json","data":{"n":1},"myext":7}""";
    BusMessage m =
        read(new Headers().put("Content-Type", "application/cloudevents+json"), envelope);
    assertThat(m.id()).isEqualTo("s-1");
    assertThat(m.headers())
        .containsEntry("ce-source", "/plain")
        .containsEntry("ce-subject", "café")
        .containsEntry("ce-myext", "7")
        .containsEntry("Content-Type", "application/json");
    assertThat(new String(m.body(), UTF_8)).isEqualTo("{\"n\":1}");
  }

  @Test
  void aMessageWithoutAttributesGetsDefaults() {
    BusMessage m = read(new Headers(), "raw");
    assertThat(m.headers())
        .containsEntry("ce-id", "fallback-1")
        .containsEntry("ce-specversion", "1.0")
        .containsEntry("ce-source", "/nats/subjects/in")
        .containsEntry("ce-type", NatsEvents.PLAIN_TYPE)
        .containsEntry("ce-time", AT.toString());
  }

  @Test
  void anUndecodableHeaderIsRejectedNamingTheMessageTheHeaderAndTheEvent() {
    assertThatThrownBy(
            () -> read(new Headers().put("ce-id", "e-9").put("ce-subject", "%C0%A0"), "x"))
        .isInstanceOf(InvalidCloudEventException.class)
        .hasMessage(
            "NATS message fallback-1 on in: event e-9: header ce-subject: percent-encoded bytes"
                + " are not valid UTF-8");
  }

  private static BusMessage read(Headers headers, String body) {
    return NatsEvents.fromCore(
        NatsMessage.builder().subject("in").headers(headers).data(body.getBytes(UTF_8)).build(),
        "fallback-1",
        AT);
  }
}
