package io.ofnevents.knative;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Knative delivery through real routes and HTTP sinks (reference §8 items 8-11): the precedence of
 * the Broker's and the Trigger's `delivery` (taken whole, the dead letter falling back to the
 * Broker's), retries with Knative's linear backoff reaching a subscriber that drops its first
 * calls, dead letters with `knativeerrordest`, `knativeerrorcode` and `knativeerrordata`, a flaky
 * Trigger next to a healthy one, and parking when there is no dead letter, with a replay.
 */
class KnDeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RESOURCES =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: none}
      spec:
        delivery: {deadLetterSink: {uri: SINK/dl-none}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-none}
      spec: {broker: none, subscriber: {uri: SINK/down}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: only}
      spec:
        delivery: {retry: 2, deadLetterSink: {uri: SINK/dl-only}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-only}
      spec: {broker: only, subscriber: {uri: SINK/down}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: both}
      spec:
        delivery: {retry: 5, deadLetterSink: {uri: SINK/dl-both-broker}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-both}
      spec:
        broker: both
        subscriber: {uri: SINK/down}
        delivery: {retry: 1, deadLetterSink: {uri: SINK/dl-both-trigger}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-both-no-dls}
      spec:
        broker: both
        subscriber: {uri: SINK/down-too}
        delivery: {retry: 1}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: redeliver}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-drops}
      spec:
        broker: redeliver
        subscriber: {uri: SINK/drops-first-3}
        delivery: {retry: 5, backoffPolicy: linear, backoffDelay: PT0.1S}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: errors}
      spec:
        delivery: {retry: 1, deadLetterSink: {uri: SINK/dl-errors}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-unreachable}
      spec:
        broker: errors
        filter: {attributes: {type: unreachable}}
        subscriber: {uri: UNREACHABLE/nobody}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-422}
      spec:
        broker: errors
        filter: {attributes: {type: rejected}}
        subscriber: {uri: SINK/rejects}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: flaky}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-flaky}
      spec:
        broker: flaky
        subscriber: {uri: SINK/flaky}
        delivery: {retry: 0, deadLetterSink: {uri: SINK/dl-flaky}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-healthy}
      spec: {broker: flaky, subscriber: {uri: SINK/healthy}}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: park}
      spec:
        delivery: {retry: 0}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: t-park}
      spec: {broker: park, subscriber: {uri: SINK/picky}}
      """;

  static RecordingSink sink;
  static KnRuntime runtime;
  static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  static final AtomicBoolean pickyFixed = new AtomicBoolean();

  @BeforeAll
  static void start() throws Exception {
    sink = RecordingSink.start();
    sink.answerWith(
        r -> {
          String key = r.path() + " " + r.header("ce-id");
          int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          return switch (r.path()) {
            case "/down", "/down-too" -> RecordingSink.Answer.status(500);
            case "/drops-first-3" -> RecordingSink.Answer.status(n <= 3 ? 503 : 200);
            case "/rejects" ->
                "with-body".equals(r.header("ce-id"))
                    ? new RecordingSink.Answer(422, Map.of(), "no such order".getBytes(UTF_8))
                    : RecordingSink.Answer.status(422);
            case "/flaky" ->
                Integer.parseInt(r.header("ce-id").substring(1)) % 2 == 0
                    ? RecordingSink.Answer.status(503)
                    : RecordingSink.Answer.status(200);
            case "/picky" -> RecordingSink.Answer.status(pickyFixed.get() ? 200 : 400);
            default -> RecordingSink.Answer.status(200);
          };
        });
    String yaml =
        RESOURCES
            .replace("UNREACHABLE", "http://127.0.0.1:" + FreePorts.pick())
            .replace("SINK", sink.url(""));
    runtime = KnRuntime.start(yaml);
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
    sink.close();
  }

  private static int attempts(String path, String id) {
    return (int)
        sink.requests().stream()
            .filter(r -> r.path().equals(path) && id.equals(r.header("ce-id")))
            .count();
  }

  @Test
  void aBrokerDeliveryWithoutRetryTriesOnceThenTheDeadLetterSink() throws Exception {
    runtime.postEvent("/default/none", "n1", "t", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/dl-none").size() == 1);
    assertThat(attempts("/down", "n1")).isEqualTo(1);
  }

  @Test
  void aTriggerWithoutDeliveryTakesTheBrokers() throws Exception {
    runtime.postEvent("/default/only", "o1", "t", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/dl-only").size() == 1);
    assertThat(attempts("/down", "o1")).isEqualTo(3);
  }

  @Test
  void aTriggersDeliveryReplacesTheBrokersWholeButItsDeadLetterFallsBackToTheBrokers()
      throws Exception {
    runtime.postEvent("/default/both", "b1", "t", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/dl-both-trigger").size() == 1);
    await().atMost(WAIT).until(() -> sink.delivered("/dl-both-broker").size() == 1);
    assertThat(attempts("/down", "b1")).isEqualTo(2);
    assertThat(attempts("/down-too", "b1")).isEqualTo(2);
    assertThat(sink.delivered("/dl-both-broker").get(0).header("ce-knativeerrordest"))
        .isEqualTo(sink.url("/down-too"));
  }

  @Test
  void retriesWithLinearBackoffReachASubscriberThatDropsItsFirstThreeCalls() throws Exception {
    for (String id : List.of("r1", "r2", "r3"))
      runtime.postEvent("/default/redeliver", id, "t", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/drops-first-3").size() == 3);
    for (String id : List.of("r1", "r2", "r3")) {
      assertThat(attempts("/drops-first-3", id)).as(id).isEqualTo(4);
    }
  }

  @Test
  void deadLettersCarryKnativesErrorExtensions() throws Exception {
    runtime.postEvent("/default/errors", "u1", "unreachable", "{\"k\":1}");
    runtime.postEvent("/default/errors", "no-body", "rejected", "{}");
    runtime.postEvent("/default/errors", "with-body", "rejected", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/dl-errors").size() == 3);
    Map<String, RecordingSink.Request> dl = new java.util.HashMap<>();
    sink.delivered("/dl-errors").forEach(r -> dl.put(r.header("ce-id"), r));
    RecordingSink.Request unreachable = dl.get("u1");
    assertThat(unreachable.header("ce-knativeerrorcode")).isEqualTo("500");
    assertThat(unreachable.header("ce-knativeerrordest"))
        .startsWith("http://127.0.0.1:")
        .endsWith("/nobody");
    assertThat(unreachable.bodyText()).isEqualTo("{\"k\":1}");
    assertThat(unreachable.header("ce-knativebrokerttl")).isNull();
    RecordingSink.Request noBody = dl.get("no-body");
    assertThat(noBody.header("ce-knativeerrorcode")).isEqualTo("422");
    assertThat(noBody.header("ce-knativeerrordest")).isEqualTo(sink.url("/rejects"));
    assertThat(noBody.header("ce-knativeerrordata")).isNull();
    RecordingSink.Request withBody = dl.get("with-body");
    assertThat(withBody.header("ce-knativeerrorcode")).isEqualTo("422");
    assertThat(
            new String(Base64.getDecoder().decode(withBody.header("ce-knativeerrordata")), UTF_8))
        .isEqualTo("no such order");
    // a 422 is not retried (Knative's table); the unreachable one is
    assertThat(attempts("/rejects", "no-body")).isEqualTo(1);
  }

  @Test
  void aFlakySubscribersFailuresGoToItsDeadLetterAndAHealthyTriggerIsNotAffected()
      throws Exception {
    for (int i = 1; i <= 6; i++) runtime.postEvent("/default/flaky", "f" + i, "t", "{}");
    await().atMost(WAIT).until(() -> sink.delivered("/healthy").size() == 6);
    await().atMost(WAIT).until(() -> sink.delivered("/dl-flaky").size() == 3);
    assertThat(sink.delivered("/flaky").stream().map(r -> r.header("ce-id")))
        .containsExactlyInAnyOrder("f1", "f3", "f5");
    assertThat(sink.delivered("/dl-flaky").stream().map(r -> r.header("ce-id")))
        .containsExactlyInAnyOrder("f2", "f4", "f6");
    assertThat(sink.delivered("/healthy").stream().map(r -> r.header("ce-id")).distinct())
        .hasSize(6);
    var m = runtime.metrics();
    assertThat(m.value("ofn_kn_trigger_events_dead_lettered_total", "trigger", "t-flaky"))
        .isEqualTo(3);
    assertThat(m.value("ofn_kn_trigger_events_delivered_total", "trigger", "t-flaky")).isEqualTo(3);
  }

  @Test
  void withoutADeadLetterARejectedEventIsParkedAndAReplayDeliversIt() throws Exception {
    runtime.postEvent("/default/park", "p1", "t", "{\"n\":1}");
    ParkedEvents parked = new ParkedEvents(runtime.runtime().context());
    await().atMost(WAIT).until(() -> !parked.list("default/kn-trigger:t-park", 10).isEmpty());
    ParkedEvents.Parked p = parked.list("default/kn-trigger:t-park", 10).get(0);
    assertThat(p.event().eventId()).isEqualTo("p1");
    assertThat(p.address()).startsWith("default/kn-trigger:t-park/");
    assertThat(p.event().headers()).containsEntry("ce-ofnerrorcode", "400");
    assertThat(runtime.metrics().value("ofn_kn_trigger_events_parked_total", "trigger", "t-park"))
        .isEqualTo(1);
    pickyFixed.set(true);
    parked.replay(p.address());
    await().atMost(WAIT).until(() -> sink.delivered("/picky").size() == 1);
    assertThat(sink.delivered("/picky").get(0).bodyText()).isEqualTo("{\"n\":1}");
    assertThat(parked.list("default/kn-trigger:t-park", 10)).isEmpty();
  }
}
