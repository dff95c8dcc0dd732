package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.RecordingSink;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Broker's ingress on the standalone runtime (in-memory bus), as Knative's conformance tests
 * check it (reference §8 items 3 and 4): CloudEvents 1.0 and 0.3 in binary and structured mode are
 * accepted with 202 and delivered with their attributes as sent (0.3 stays 0.3); other methods get
 * 405, OPTIONS the WebHook handshake, unknown paths 404; a malformed event or a spent TTL gets 400
 * with a one-line reason, logged once per client and never with a stack trace. The TTL is defaulted
 * and decremented as Knative's ingress does, `knativearrivaltime` added, and both seen by an
 * OpenFunction Trigger reading the Broker (a Knative subscriber gets no TTL).
 */
class KnIngressIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String RESOURCES =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: default}
      ---
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: all}
      spec:
        broker: default
        subscriber: {uri: SINK/knative}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default}
      spec: {inMemory: {}}
      ---
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: raw}
      spec:
        eventBus: default
        inputs:
          b: {broker: default}
        subscribers:
          - condition: b
            sink: {uri: SINK/openfunction}
      """;

  static RecordingSink sink;
  static KnRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    sink = RecordingSink.start();
    runtime = KnRuntime.start(RESOURCES.replace("SINK", sink.url("")));
  }

  @AfterAll
  static void stop() throws Exception {
    runtime.close();
    sink.close();
  }

  @BeforeEach
  void clear() {
    sink.clear();
  }

  @Test
  void cloudEvents10And03InBinaryAndStructuredModeAreAcceptedAndDeliveredAsSent() throws Exception {
    assertThat(
            runtime
                .post(
                    "/default/default",
                    Map.of(
                        "ce-specversion", "1.0",
                        "ce-id", "b10",
                        "ce-source", "/src",
                        "ce-type", "t.binary",
                        "ce-myext", "v",
                        "Content-Type", "text/plain"),
                    "hello")
                .statusCode())
        .isEqualTo(202);
    assertThat(
            runtime
                .post(
                    "/default/default",
                    Map.of(
                        "ce-specversion", "0.3",
                        "ce-id", "b03",
                        "ce-source", "/src",
                        "ce-type", "t.binary03"),
                    "{}")
                .statusCode())
        .isEqualTo(202);
    assertThat(
            structured(
                    "{\"specversion\":\"1.0\",\"id\":\"s10\",\"source\":\"/src\",\"type\":\"t.s\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"n\":1}}")
                .statusCode())
        .isEqualTo(202);
    assertThat(
            structured(
                    "{\"specversion\":\"0.3\",\"id\":\"s03\",\"source\":\"/src\",\"type\":\"t.s03\","
                        + "\"datacontentencoding\":\"base64\",\"data\":\"AAEC\"}")
                .statusCode())
        .isEqualTo(202);

    await().atMost(WAIT).until(() -> sink.delivered("/knative").size() == 4);
    Map<String, RecordingSink.Request> byId = byId(sink.delivered("/knative"));
    RecordingSink.Request b10 = byId.get("b10");
    assertThat(b10.header("ce-specversion")).isEqualTo("1.0");
    assertThat(b10.header("ce-source")).isEqualTo("/src");
    assertThat(b10.header("ce-type")).isEqualTo("t.binary");
    assertThat(b10.header("ce-myext")).isEqualTo("v");
    assertThat(b10.header("content-type")).isEqualTo("text/plain");
    assertThat(b10.bodyText()).isEqualTo("hello");
    assertThat(b10.header("ce-knativearrivaltime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    // Knative's filter takes the TTL off before the subscriber call
    assertThat(b10.header("ce-knativebrokerttl")).isNull();
    assertThat(b10.header("prefer")).isEqualTo("reply");
    assertThat(b10.header("kn-namespace")).isEqualTo("default");
    assertThat(byId.get("b03").header("ce-specversion")).isEqualTo("0.3");
    assertThat(byId.get("s10").header("ce-specversion")).isEqualTo("1.0");
    assertThat(byId.get("s10").bodyText()).isEqualTo("{\"n\":1}");
    assertThat(byId.get("s03").header("ce-specversion")).isEqualTo("0.3");
    assertThat(byId.get("s03").body()).containsExactly(0, 1, 2);
  }

  @Test
  void theTtlIsDefaultedTo255AndDecrementedAsKnativesIngressDoes() throws Exception {
    runtime.postEvent("/default/default", "no-ttl", "t", "{}");
    runtime.post(
        "/default/default",
        Map.of(
            "ce-specversion", "1.0",
            "ce-id", "ttl-10",
            "ce-source", "/src",
            "ce-type", "t",
            "ce-knativebrokerttl", "10"),
        "");
    await().atMost(WAIT).until(() -> sink.delivered("/openfunction").size() == 2);
    Map<String, RecordingSink.Request> byId = byId(sink.delivered("/openfunction"));
    assertThat(byId.get("no-ttl").header("ce-knativebrokerttl")).isEqualTo("255");
    assertThat(byId.get("ttl-10").header("ce-knativebrokerttl")).isEqualTo("9");
    assertThat(byId.get("ttl-10").header("ce-knativearrivaltime")).isNotNull();
  }

  @Test
  void otherMethodsPathsAndTheHandshakeAreAnsweredAsByKnative() throws Exception {
    assertThat(runtime.send("GET", "/default/default", Map.of(), null).statusCode()).isEqualTo(405);
    assertThat(runtime.send("PUT", "/default/default", Map.of(), "x").statusCode()).isEqualTo(405);
    HttpResponse<String> options = runtime.send("OPTIONS", "/default/default", Map.of(), null);
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.headers().firstValue("WebHook-Allowed-Origin")).hasValue("*");
    assertThat(options.headers().firstValue("WebHook-Allowed-Rate")).hasValue("*");
    assertThat(runtime.postEvent("/", "x", "t", "{}").statusCode()).isEqualTo(404);
    assertThat(runtime.postEvent("/default/nope", "x", "t", "{}").statusCode()).isEqualTo(404);
    assertThat(runtime.postEvent("/other/default", "x", "t", "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void malformedEventsAndSpentTtlsAre400WithOneLineLoggedOncePerClientWithoutStackTrace()
      throws Exception {
    double refusedBefore = refused("malformed");
    try (LogCapture log = LogCapture.open()) {
      HttpResponse<String> noId =
          runtime.post(
              "/default/default",
              Map.of("ce-specversion", "1.0", "ce-source", "/s", "ce-type", "t"),
              "x");
      assertThat(noId.statusCode()).isEqualTo(400);
      assertThat(noId.body())
          .isEqualTo("event ?: not a valid CloudEvent: required attribute id is missing\n");
      HttpResponse<String> notJson = structured("{oops");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.body().strip())
          .startsWith("event ?: structured event: not JSON")
          .doesNotContain("\n");
      HttpResponse<String> batch =
          runtime.post(
              "/default/default",
              Map.of("Content-Type", "application/cloudevents-batch+json"),
              "[]");
      assertThat(batch.statusCode()).isEqualTo(400);
      HttpResponse<String> plain =
          runtime.post("/default/default", Map.of("Content-Type", "text/plain"), "not an event");
      assertThat(plain.statusCode()).isEqualTo(400);
      for (String ttl : List.of("0", "1", "-3")) {
        HttpResponse<String> spent =
            runtime.post(
                "/default/default",
                Map.of(
                    "ce-specversion", "1.0",
                    "ce-id", "ttl-" + ttl,
                    "ce-source", "/s",
                    "ce-type", "t",
                    "ce-knativebrokerttl", ttl),
                "");
        assertThat(spent.statusCode()).as(ttl).isEqualTo(400);
        assertThat(spent.body()).contains("knativebrokerttl " + ttl);
      }
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !log.matching(
                          Level.WARN,
                          java.util.regex.Pattern.compile("Broker default/default refused"))
                      .isEmpty());
      List<LogCapture.Line> lines =
          log.matching(
              Level.WARN, java.util.regex.Pattern.compile("Broker default/default refused"));
      assertThat(lines).as("one line for this client").hasSize(1);
      assertThat(lines.get(0).message()).contains("from 127.0.0.1 (400)").doesNotContain("\n");
      assertThat(log.lines()).noneMatch(l -> l.thrown() != null);
    }
    assertThat(refused("malformed") - refusedBefore).isEqualTo(4);
    assertThat(refused("ttl")).isGreaterThanOrEqualTo(3);
    assertThat(sink.requests())
        .noneMatch(r -> String.valueOf(r.header("ce-id")).startsWith("ttl-"));
  }

  @Test
  void a36KibEventIsDeliveredExactlyOnce() throws Exception {
    String data = "{\"blob\":\"" + "x".repeat(36 * 1024) + "\"}";
    assertThat(runtime.postEvent("/default/default", "big", "t.big", data).statusCode())
        .isEqualTo(202);
    await().atMost(WAIT).until(() -> sink.delivered("/knative").size() == 1);
    assertThat(sink.delivered("/knative").get(0).bodyText()).isEqualTo(data);
    // nothing else comes later
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sink.delivered("/knative").size() == 1);
  }

  private static HttpResponse<String> structured(String json) throws Exception {
    return runtime.post(
        "/default/default", Map.of("Content-Type", "application/cloudevents+json"), json);
  }

  private static double refused(String reason) throws Exception {
    double v =
        runtime
            .metrics()
            .value(
                "ofn_kn_broker_events_refused_total",
                "namespace",
                "default",
                "broker",
                "default",
                "reason",
                reason);
    return Double.isNaN(v) ? 0 : v;
  }

  private static Map<String, RecordingSink.Request> byId(List<RecordingSink.Request> requests) {
    Map<String, RecordingSink.Request> m = new java.util.HashMap<>();
    requests.forEach(r -> m.put(r.header("ce-id"), r));
    return m;
  }
}
