package io.ofnevents.knative;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.display.EventDisplay;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Every example under `examples/knative/` runs as its README says, with `ofn-events display` (in
 * this JVM) as the event display: seed 003's Broker and Trigger print an event posted to the
 * ingress in Knative's event_display format, seed 004's v1beta1 PingSource ticks through a Broker,
 * and the reply chain's enriched event reaches the display while the audit Trigger sees both.
 */
class KnExamplesIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  private static LoadResult load(Path dir, UnaryOperator<String> edit) throws Exception {
    List<LoadResult> parts = new ArrayList<>();
    for (Path f : Yamls.yamlFiles(dir)) {
      parts.add(YamlLoader.load(f.toString(), edit.apply(Files.readString(f)), "default"));
    }
    return LoadResult.merge(parts);
  }

  @Test
  void seed003PrintsAnEventPostedToTheBrokerAsKnativesEventDisplay() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (EventDisplay display = new EventDisplay(0, new PrintStream(printed, true, UTF_8))) {
      display.start();
      String url = "http://127.0.0.1:" + display.port();
      try (LogCapture log = LogCapture.open();
          KnRuntime runtime =
              KnRuntime.start(
                  load(Path.of("examples/knative/seed-003"), s -> s),
                  List.of("Service/event-display=" + url))) {
        // stands in for the seed's ApiServerSource until it is served
        assertThat(
                runtime
                    .post(
                        "/default/default",
                        Map.of(
                            "ce-specversion", "1.0",
                            "ce-id", "a5c3a0c2-0001",
                            "ce-source", "https://10.96.0.1:443",
                            "ce-type", "dev.knative.apiserver.resource.add",
                            "ce-subject", "/apis/v1/namespaces/default/events/testevents.1",
                            "Content-Type", "application/json"),
                        "{\"kind\":\"Event\",\"reason\":\"Started\"}")
                    .statusCode())
            .isEqualTo(202);
        await().atMost(WAIT).until(() -> printed.toString(UTF_8).contains("Data,"));
        // said once at start: the Broker has no bus of its own here
        assertThat(
                log.matching(Level.INFO, Pattern.compile("No EventBus or ClusterEventBus default")))
            .singleElement()
            .satisfies(
                l ->
                    assertThat(l.message())
                        .isEqualTo(
                            "No EventBus or ClusterEventBus default for Broker.eventing.knative.dev"
                                + " default/default: served by the in-memory bus of this process"
                                + " (their events are lost when it stops)"));
      }
    }
    assertThat(
            printed
                .toString(UTF_8)
                .replaceAll(
                    "knativearrivaltime: \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "knativearrivaltime: T"))
        .isEqualTo(
            """
            ☁️  cloudevents.Event
            Context Attributes,
              specversion: 1.0
              type: dev.knative.apiserver.resource.add
              source: https://10.96.0.1:443
              subject: /apis/v1/namespaces/default/events/testevents.1
              id: a5c3a0c2-0001
              datacontenttype: application/json
            Extensions,
              knativearrivaltime: T
            Data,
              {
                "kind": "Event",
                "reason": "Started"
              }
            """);
  }

  @Test
  void theV1beta1PingSourceTicksThroughTheBrokerToTheDisplay() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (EventDisplay display = new EventDisplay(0, new PrintStream(printed, true, UTF_8))) {
      display.start();
      try (KnRuntime runtime =
          KnRuntime.start(
              load(Path.of("examples/knative/ping-to-broker"), s -> s),
              List.of("Service/event-display=http://127.0.0.1:" + display.port()))) {
        await().atMost(WAIT).until(() -> printed.toString(UTF_8).contains("Data,"));
      }
    }
    assertThat(printed.toString(UTF_8))
        .contains(
            "  type: dev.knative.sources.ping\n"
                + "  source: /apis/v1/namespaces/default/pingsources/ping-source\n")
        .contains("  datacontenttype: application/json\n")
        .contains("Data,\n  {\n    \"message\": \"hello, world!\"\n  }\n");
  }

  @Test
  void theReplyChainTakesTheEnrichedReplyToTheDisplayAndTheAuditLogGetsBoth() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (EventDisplay display = new EventDisplay(0, new PrintStream(printed, true, UTF_8));
        RecordingSink services = RecordingSink.start()) {
      display.start();
      services.answerWith(
          r ->
              r.path().equals("/enricher")
                  ? RecordingSink.Answer.event(
                      Map.of(
                          "ce-specversion", "1.0",
                          "ce-id", r.header("ce-id") + "-enriched",
                          "ce-source", "/enricher",
                          "ce-type", "dev.example.order.enriched"),
                      "application/json",
                      "{\"order\":1,\"customer\":\"ada\"}")
                  : RecordingSink.Answer.status(200));
      try (KnRuntime runtime =
          KnRuntime.start(
              load(
                  Path.of("examples/knative/reply-chain"),
                  s -> s.replace("http://127.0.0.1:8092", services.url(""))),
              List.of(
                  "Service/event-display=http://127.0.0.1:" + display.port(),
                  "Service/enricher=" + services.url("/enricher"),
                  "Service/dead-letters=" + services.url("/dead-letters")))) {
        assertThat(
                runtime
                    .postEvent("/default/shop", "order-1", "dev.example.order", "{\"order\":1}")
                    .statusCode())
            .isEqualTo(202);
        await().atMost(WAIT).until(() -> printed.toString(UTF_8).contains("Data,"));
        await().atMost(WAIT).until(() -> services.delivered("/audit").size() == 2);
      }
      assertThat(printed.toString(UTF_8))
          .contains("  type: dev.example.order.enriched\n", "  id: order-1-enriched\n")
          .contains("\"customer\": \"ada\"");
      assertThat(services.delivered("/audit").stream().map(r -> r.header("ce-id")))
          .containsExactlyInAnyOrder("order-1", "order-1-enriched");
      assertThat(services.delivered("/dead-letters")).isEmpty();
    }
  }
}
