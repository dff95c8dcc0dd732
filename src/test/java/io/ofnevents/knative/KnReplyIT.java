package io.ofnevents.knative;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replies through real routes (reference §0.3 and §8 items 6, 7 and 12): a subscriber's CloudEvent
 * answer (binary or structured) goes back onto the Broker and reaches every Trigger it matches, the
 * any-filter one included; an empty 2xx ends the delivery; a 2xx body that is not a CloudEvent is a
 * failure (502, retried, then the dead letter) unless the Trigger's annotation says to ignore it; a
 * reply whose TTL runs out is not put back (the loop guard) and is counted; long reply bodies pass.
 */
class KnReplyIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BIG = "y".repeat(100 * 1024);
  private static final String RESOURCES =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: default}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: a}
      spec:
        broker: default
        filter: {attributes: {type: order}}
        subscriber: {uri: SINK/a}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: b}
      spec:
        broker: default
        filter: {attributes: {type: order.enriched}}
        subscriber: {uri: SINK/b}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: everything}
      spec:
        broker: default
        subscriber: {uri: SINK/everything}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: structured}
      spec:
        broker: default
        filter: {attributes: {type: ask.structured}}
        subscriber: {uri: SINK/structured}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: looper}
      spec:
        broker: default
        filter: {attributes: {type: loop}}
        subscriber: {uri: SINK/looper}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: strict}
      spec:
        broker: default
        filter: {attributes: {type: plain}}
        subscriber: {uri: SINK/plain}
        delivery: {retry: 2, deadLetterSink: {uri: SINK/dl-strict}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata:
        name: lenient
        annotations: {ofn-events.io/reply: ignore}
      spec:
        broker: default
        filter: {attributes: {type: plain}}
        subscriber: {uri: SINK/plain}
        delivery: {retry: 2, deadLetterSink: {uri: SINK/dl-lenient}}
      """;

  static RecordingSink sink;
  static KnRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    sink = RecordingSink.start();
    sink.answerWith(
        r ->
            switch (r.path()) {
              case "/a" ->
                  RecordingSink.Answer.event(
                      Map.of(
                          "ce-specversion", "1.0",
                          "ce-id", "enriched-" + r.header("ce-id"),
                          "ce-source", "/enricher",
                          "ce-type", "order.enriched"),
                      "application/json",
                      r.header("ce-id").equals("big") ? "\"" + BIG + "\"" : "{\"enriched\":true}");
              case "/structured" ->
                  new RecordingSink.Answer(
                      200,
                      Map.of("Content-Type", "application/cloudevents+json"),
                      ("{\"specversion\":\"1.0\",\"id\":\"s-reply\",\"source\":\"/s\",\"type\":"
                              + "\"order.enriched\",\"datacontenttype\":\"text/plain\",\"data\":\"hi\"}")
                          .getBytes(UTF_8));
              // answers every event with a copy of itself: a loop the TTL ends
              case "/looper" ->
                  RecordingSink.Answer.event(
                      Map.of(
                          "ce-specversion", "1.0",
                          "ce-id", r.header("ce-id") + "+",
                          "ce-source", "/looper",
                          "ce-type", "loop"),
                      null,
                      "");
              case "/plain" -> RecordingSink.Answer.plain("text/plain", "OK, thanks");
              default -> RecordingSink.Answer.status(200);
            });
    runtime = KnRuntime.start(RESOURCES.replace("SINK", sink.url("")));
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
    sink.close();
  }

  @Test
  void aReplyGoesBackOntoTheBrokerToTheTriggersItMatchesAndTheAnyFilterTriggerGetsBoth()
      throws Exception {
    runtime.postEvent("/default/default", "o1", "order", "{\"n\":1}");
    await()
        .atMost(WAIT)
        .until(
            () ->
                sink.delivered("/b").stream()
                    .anyMatch(r -> "enriched-o1".equals(r.header("ce-id"))));
    RecordingSink.Request reply =
        sink.delivered("/b").stream()
            .filter(r -> "enriched-o1".equals(r.header("ce-id")))
            .findFirst()
            .orElseThrow();
    assertThat(reply.header("ce-source")).isEqualTo("/enricher");
    assertThat(reply.bodyText()).isEqualTo("{\"enriched\":true}");
    assertThat(reply.header("prefer")).isEqualTo("reply");
    assertThat(reply.header("ce-knativebrokerttl")).isNull();
    await()
        .atMost(WAIT)
        .until(
            () ->
                sink.delivered("/everything").stream()
                        .filter(r -> r.header("ce-id").endsWith("o1"))
                        .count()
                    == 2);
    assertThat(sink.delivered("/a").stream().filter(r -> "o1".equals(r.header("ce-id"))))
        .hasSize(1);
  }

  @Test
  void aStructuredModeReplyIsAReplyToo() throws Exception {
    runtime.postEvent("/default/default", "s1", "ask.structured", "{}");
    await()
        .atMost(WAIT)
        .until(
            () -> sink.delivered("/b").stream().anyMatch(r -> "s-reply".equals(r.header("ce-id"))));
    RecordingSink.Request reply =
        sink.delivered("/b").stream()
            .filter(r -> "s-reply".equals(r.header("ce-id")))
            .findFirst()
            .orElseThrow();
    assertThat(reply.header("content-type")).isEqualTo("text/plain");
    assertThat(reply.bodyText()).isEqualTo("hi");
  }

  @Test
  void aLongReplyBodyPasses() throws Exception {
    runtime.postEvent("/default/default", "big", "order", "{}");
    await()
        .atMost(WAIT)
        .until(
            () ->
                sink.delivered("/b").stream()
                    .anyMatch(r -> "enriched-big".equals(r.header("ce-id"))));
    assertThat(
            sink.delivered("/b").stream()
                .filter(r -> "enriched-big".equals(r.header("ce-id")))
                .findFirst()
                .orElseThrow()
                .bodyText())
        .isEqualTo("\"" + BIG + "\"");
  }

  @Test
  void aReplyWhoseTtlRunsOutIsNotPutBackAndIsCounted() throws Exception {
    try (LogCapture log = LogCapture.open()) {
      runtime.post(
          "/default/default",
          Map.of(
              "ce-specversion", "1.0",
              "ce-id", "l",
              "ce-source", "/t",
              "ce-type", "loop",
              "ce-knativebrokerttl", "4"),
          "");
      // stored with TTL 3; each reply passes the Broker's door once more: l+ (2), l++ (1), then 0
      await().atMost(WAIT).until(() -> exhausted() == 1);
      assertThat(sink.delivered("/looper").stream().map(r -> r.header("ce-id")))
          .containsExactly("l", "l+", "l++");
      assertThat(log.matching(Level.WARN, LogLines.regex(LogLines.TTL_EXHAUSTED)))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l.message())
                      .startsWith("Event l+++ is not put on Broker default/default"));
    }
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sink.delivered("/looper").size() == 3);
  }

  @Test
  void aPlainBodyIsAFailureRetriedThenDeadLetteredUnlessTheTriggerIgnoresIt() throws Exception {
    runtime.postEvent("/default/default", "p1", "plain", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/dl-strict").size() == 1);
    RecordingSink.Request dead = sink.delivered("/dl-strict").get(0);
    assertThat(dead.header("ce-id")).isEqualTo("p1");
    assertThat(dead.header("ce-knativeerrorcode")).isEqualTo("502");
    assertThat(new String(Base64.getDecoder().decode(dead.header("ce-knativeerrordata")), UTF_8))
        .isEqualTo("OK, thanks");
    // strict: 3 attempts (retry 2); lenient: 1, done; both Triggers call the same URL
    await()
        .atMost(WAIT)
        .until(() -> sink.requests().stream().filter(r -> r.path().equals("/plain")).count() == 4);
    assertThat(sink.delivered("/dl-lenient")).isEmpty();
    var m = runtime.metrics();
    assertThat(m.value("ofn_kn_trigger_events_delivered_total", "trigger", "lenient")).isEqualTo(1);
    assertThat(m.value("ofn_kn_trigger_events_dead_lettered_total", "trigger", "strict"))
        .isEqualTo(1);
  }

  private static double exhausted() throws Exception {
    double v = runtime.metrics().value("ofn_kn_broker_ttl_exhausted_total", "broker", "default");
    return Double.isNaN(v) ? 0 : v;
  }
}
