package io.ofnevents.runtime.bus.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  void aHeaderNotPercentEncodedIsTakenAsSentAndReportedWithTheEvent() {
    List<String> reported = new ArrayList<>();
    BusMessage m =
        NatsEvents.fromCore(
            message(new Headers().put("ce-id", "e-9").put("ce-subject", "%C0%A0 50%off"), "x"),
            "fallback-1",
            AT,
            (id, header, reason) -> reported.add(id + " " + header));
    assertThat(m.headers()).containsEntry("ce-subject", "%C0%A0 50%off");
    assertThat(reported).containsExactly("e-9 ce-subject");
  }

  @Test
  void aMessageThatIsNoEventIsRefusedNamingItAndKeptAsSentForParking() {
    Headers h =
        new Headers()
            .put("Content-Type", "application/cloudevents+json")
            .put("ce-note", "50%off")
            .put("Nats-Msg-Id", "m-1");
    assertThatThrownBy(() -> read(h, "{not json"))
        .isInstanceOf(InvalidCloudEventException.class)
        .hasMessageStartingWith("NATS message fallback-1 on in: event ?: structured event");
    BusMessage raw = NatsEvents.unreadable(message(h, "{not json"), "fallback-1");
    assertThat(raw.headers())
        .containsOnly(
            Map.entry("Content-Type", "application/cloudevents+json"),
            Map.entry("ce-note", "50%off"),
            Map.entry("ce-id", "fallback-1"));
    assertThat(raw.body()).isEqualTo("{not json".getBytes(UTF_8));
  }

  @Test
  void aParkedCopyIsReadBackInBinaryModeWhateverItsContentType() {
    // as JetStreamParkingLot stores an unreadable structured message
    Headers stored =
        NatsEvents.headers(
            new BusMessage(
                Map.of("ce-id", "u-1", "Content-Type", "application/cloudevents+json"),
                "{not json".getBytes(UTF_8),
                null));
    assertThat(NatsEvents.eventHeaders(stored, "{not json".getBytes(UTF_8)))
        .containsEntry("ce-id", "u-1")
        .containsEntry("Content-Type", "application/cloudevents+json");
  }

  private static BusMessage read(Headers headers, String body) {
    return NatsEvents.fromCore(message(headers, body), "fallback-1", AT, Binding.RawValues.IGNORE);
  }

  private static NatsMessage message(Headers headers, String body) {
    return NatsMessage.builder().subject("in").headers(headers).data(body.getBytes(UTF_8)).build();
  }
}
