package io.ofnevents.runtime.knative;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.runtime.delivery.DeliveryFailedException;
import io.ofnevents.runtime.delivery.ErrorAttributes;
import io.ofnevents.runtime.delivery.Replies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of the Knative steps: a Broker's door, replies, dead-letter extensions. */
class KnativeStepsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-31T12:00:00.5Z"), ZoneOffset.UTC);

  @Test
  void theTtlIsDefaultedDecrementedAndRefusedAtZeroAndTheArrivalTimeSet() {
    Map<String, Object> none = new HashMap<>();
    assertThat(BrokerEntry.admit(none, CLOCK)).isTrue();
    assertThat(none)
        .containsEntry(BrokerEntry.TTL, "255")
        .containsEntry(BrokerEntry.ARRIVAL, "2026-01-31T12:00:00.500Z");
    Map<String, Object> ten = new HashMap<>(Map.of(BrokerEntry.TTL, "10"));
    assertThat(BrokerEntry.admit(ten, CLOCK)).isTrue();
    assertThat(ten).containsEntry(BrokerEntry.TTL, "9");
    Map<String, Object> garbage = new HashMap<>(Map.of(BrokerEntry.TTL, "many"));
    assertThat(BrokerEntry.admit(garbage, CLOCK)).isTrue();
    assertThat(garbage).containsEntry(BrokerEntry.TTL, "255");
    for (String spent : new String[] {"1", "0", "-5"}) {
      Map<String, Object> h = new HashMap<>(Map.of(BrokerEntry.TTL, spent));
      assertThat(BrokerEntry.admit(h, CLOCK)).as(spent).isFalse();
      assertThat(h).as("unchanged").containsOnlyKeys(BrokerEntry.TTL);
    }
  }

  @Test
  void aReplyIsAnEventInBinaryOrStructuredModeAnEmptyBodyIsDoneAnythingElsePlain() {
    assertThat(Replies.read(Map.of("Content-Type", "text/plain"), new byte[0]))
        .isInstanceOf(Replies.Empty.class);
    assertThat(
            Replies.read(
                Map.of("ce-specversion", "1.0", "ce-id", "r", "ce-source", "/s", "ce-type", "t"),
                "x".getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            Replies.Event.class, e -> assertThat(e.event().id()).isEqualTo("r"));
    assertThat(
            Replies.read(
                Map.of("Content-Type", "application/cloudevents+json"),
                "{\"specversion\":\"0.3\",\"id\":\"s\",\"source\":\"/s\",\"type\":\"t\"}"
                    .getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            Replies.Event.class, e -> assertThat(e.event().specVersion()).isEqualTo("0.3"));
    assertThat(Replies.read(Map.of("Content-Type", "text/plain"), "OK".getBytes(UTF_8)))
        .isInstanceOf(Replies.Plain.class);
    // event headers without a required attribute: not a reply, a plain body
    assertThat(Replies.read(Map.of("ce-specversion", "1.0", "ce-id", "r"), new byte[0]))
        .isInstanceOfSatisfying(
            Replies.Plain.class, p -> assertThat(p.problem()).contains("source"));
  }

  @Test
  void knativesDeadLetterExtensionsSay500WithoutAnAnswerAndCutTheBase64At1024() {
    Map<String, String> noAnswer =
        ErrorAttributes.knative(
            new DeliveryFailedException("http://sub/", -1, null, true, "connection refused"));
    assertThat(noAnswer)
        .containsEntry("ce-knativeerrorcode", "500")
        .containsEntry("ce-knativeerrordest", "http://sub/");
    byte[] big = "e".repeat(5000).getBytes(UTF_8);
    Map<String, String> answered =
        ErrorAttributes.knative(new DeliveryFailedException("http://sub/", 503, big, true, "503"));
    assertThat(answered.get("ce-knativeerrorcode")).isEqualTo("503");
    assertThat(answered.get("ce-knativeerrordata"))
        .hasSize(1024)
        .isEqualTo(Base64.getEncoder().encodeToString(big).substring(0, 1024));
    assertThat(
            ErrorAttributes.knative(
                new DeliveryFailedException("http://sub/", 422, null, false, "")))
        .doesNotContainKey("ce-knativeerrordata");
  }

  @Test
  void refusalsAreLoggedOncePerClientHost() {
    RefusalLog log = new RefusalLog();
    assertThat(log.first(RefusalLog.host("10.0.0.1:40000"))).isTrue();
    assertThat(log.first(RefusalLog.host("10.0.0.1:40001"))).isFalse();
    assertThat(log.first(RefusalLog.host("10.0.0.2:40000"))).isTrue();
  }
}
