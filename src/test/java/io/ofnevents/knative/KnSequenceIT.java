package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.PrometheusText;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.StepServices;
import io.ofnevents.testing.Yamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sequences on the standalone runtime with real HTTP step services: Knative's conformance item 15
 * (a text/plain PingSource through three steps appending to the data), seed 004's Sequence of three
 * appenders as written (a tick every second instead of every minute), the ingress path, a step that
 * ends the flow, and the flow-wide delivery with a step's own overriding it, its dead letter naming
 * the step that failed.
 */
class KnSequenceIT {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void conformance15TextPlainPingThroughThreeStepsReachesTheReplyConcatenated() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/step1", StepServices.textAppender("-step1"),
                  "/step2", StepServices.textAppender("-step2"),
                  "/step3", StepServices.textAppender("-step3"),
                  "/reply", r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: ping}
          spec:
            schedule: "* * * * * *"
            contentType: text/plain
            data: hello
            sink: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: seq}
          spec:
            channelTemplate: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel}
            steps:
              - uri: SVC/step1
              - uri: SVC/step2
              - uri: SVC/step3
            reply: {uri: SVC/reply}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        await().atMost(WAIT).until(() -> !services.delivered("/reply").isEmpty());
      }
      RecordingSink.Request reply = services.delivered("/reply").get(0);
      assertThat(reply.bodyText()).isEqualTo("hello-step1-step2-step3");
      assertThat(reply.header("ce-type")).isEqualTo("dev.knative.sources.ping");
      assertThat(reply.header("content-type")).isEqualTo("text/plain");
      assertThat(reply.header("ce-source"))
          .isEqualTo("/apis/v1/namespaces/default/pingsources/ping");
      // the hop counter stays on the bus: steps and the reply never see it
      assertThat(services.requests())
          .allSatisfy(r -> assertThat(r.header("ce-knativebrokerttl")).isNull());
      RecordingSink.Request step2 = services.delivered("/step2").get(0);
      assertThat(step2.bodyText()).isEqualTo("hello-step1");
      assertThat(step2.header("prefer")).isEqualTo("reply");
      assertThat(step2.header("kn-namespace")).isEqualTo("default");
      assertThat(reply.header("prefer")).as("no Prefer: reply towards a reply").isNull();
    }
  }

  @Test
  void seed004SequenceOfThreeAppendersAsWritten() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/first", StepServices.appender(" - Handled by 0"),
                  "/second", StepServices.appender(" - Handled by 1"),
                  "/third", StepServices.appender(" - Handled by 2"),
                  "/display", r -> RecordingSink.Answer.status(200))));
      // the example as written, ticking every second, and with a reply to see the result
      List<LoadResult> parts = new ArrayList<>();
      for (Path f : Yamls.yamlFiles(Path.of("examples/knative/sequence"))) {
        String text =
            Files.readString(f)
                .replace("schedule: \"* * * * *\"", "schedule: \"* * * * * *\"")
                .replace(
                    "  steps:\n",
                    "  reply: {uri: \"" + services.url("/display") + "\"}\n  steps:\n");
        parts.add(YamlLoader.load(f.toString(), text, "default"));
      }
      try (KnRuntime runtime =
          KnRuntime.start(
              LoadResult.merge(parts),
              List.of(
                  "Service/first=" + services.url("/first"),
                  "Service/second=" + services.url("/second"),
                  "Service/third=" + services.url("/third")))) {
        await().atMost(WAIT).until(() -> services.delivered("/display").size() >= 2);
        PrometheusText m = runtime.metrics();
        for (String step : List.of("0", "1", "2")) {
          assertThat(
                  m.value(
                      "ofn_kn_sequence_step_events_replied_total",
                      "sequence",
                      "sequence",
                      "step",
                      step))
              .as("step %s replied", step)
              .isGreaterThanOrEqualTo(2);
        }
        assertThat(
                m.value(
                    "ofn_kn_sequence_step_events_delivered_total",
                    "sequence",
                    "sequence",
                    "step",
                    "reply"))
            .isGreaterThanOrEqualTo(2);
        assertThat(
                m.value(
                    "ofn_kn_sequence_step_latency_seconds_count",
                    "sequence",
                    "sequence",
                    "step",
                    "0"))
            .isGreaterThanOrEqualTo(2);
      }
      RecordingSink.Request out = services.delivered("/display").get(0);
      assertThat(JSON.readTree(out.body()).get("message").asText())
          .isEqualTo("hello, world! - Handled by 0 - Handled by 1 - Handled by 2");
      assertThat(out.header("ce-type")).isEqualTo("dev.knative.sources.ping");
    }
  }

  @Test
  void theIngressTakesEventsAndAStepAnsweringWithoutAnEventEndsTheFlow() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a", StepServices.textAppender("+a"),
                  "/gate", StepServices.filter(r -> !r.bodyText().startsWith("stop")),
                  "/reply", r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: gated}
          spec:
            steps:
              - uri: SVC/a
              - uri: SVC/gate
            reply: {uri: SVC/reply}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        assertThat(runtime.postEvent("/default/sequences/gated", "go-1", "t", "go").statusCode())
            .isEqualTo(202);
        assertThat(
                runtime.postEvent("/default/sequences/gated", "stop-1", "t", "stop").statusCode())
            .isEqualTo(202);
        assertThat(runtime.postEvent("/default/sequences/nope", "x", "t", "x").statusCode())
            .isEqualTo(404);
        await().atMost(WAIT).until(() -> services.delivered("/gate").size() == 2);
        await().atMost(WAIT).until(() -> services.delivered("/reply").size() == 1);
        assertThat(services.delivered("/reply").get(0).bodyText()).isEqualTo("go+a");
        await()
            .atMost(WAIT)
            .until(
                () ->
                    runtime
                            .metrics()
                            .value(
                                "ofn_kn_sequence_step_events_ended_total",
                                "sequence",
                                "gated",
                                "step",
                                "1")
                        == 1);
        assertThat(
                runtime
                    .metrics()
                    .value("ofn_kn_sequence_events_accepted_total", "sequence", "gated"))
            .isEqualTo(2);
      }
    }
  }

  @Test
  void theFlowWideDeliveryAppliesToStepsWithoutTheirOwnAndTheDeadLetterNamesTheStep()
      throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      java.util.concurrent.atomic.AtomicInteger flakyCalls =
          new java.util.concurrent.atomic.AtomicInteger();
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  // fails twice, then works: the flow-wide retry 2 gets it through
                  "/flaky",
                  r ->
                      flakyCalls.incrementAndGet() <= 2
                          ? RecordingSink.Answer.status(503)
                          : StepServices.textAppender("+flaky").apply(r),
                  // always fails: its own delivery (no retry) sends it to its dead letter
                  "/broken",
                  r ->
                      new RecordingSink.Answer(
                          422, Map.of(), "failure 422".getBytes(StandardCharsets.UTF_8)),
                  "/dls",
                  r -> RecordingSink.Answer.status(200),
                  "/flow-dls",
                  r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: careful}
          spec:
            delivery:
              retry: 2
              backoffPolicy: linear
              backoffDelay: PT0.1S
              deadLetterSink: {uri: SVC/flow-dls}
            steps:
              - uri: SVC/flaky
              - uri: SVC/broken
                delivery:
                  retry: 0
                  deadLetterSink: {uri: SVC/dls}
            reply: {uri: SVC/reply}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        runtime.postEvent("/default/sequences/careful", "e1", "t", "x");
        await().atMost(WAIT).until(() -> services.delivered("/dls").size() == 1);
        assertThat(services.requests().stream().filter(r -> r.path().equals("/flaky"))).hasSize(3);
        assertThat(services.requests().stream().filter(r -> r.path().equals("/broken"))).hasSize(1);
        RecordingSink.Request dl = services.delivered("/dls").get(0);
        assertThat(dl.header("ce-ofnflowstep")).isEqualTo("spec.steps[1]");
        assertThat(dl.header("ce-ofnflow"))
            .isEqualTo("/apis/flows.knative.dev/v1/namespaces/default/sequences/careful");
        assertThat(dl.header("ce-knativeerrorcode")).isEqualTo("422");
        assertThat(dl.header("ce-knativeerrordest")).isEqualTo(services.url("/broken"));
        assertThat(new String(Base64.getDecoder().decode(dl.header("ce-knativeerrordata"))))
            .isEqualTo("failure 422");
        // the dead letter gets the event the step was given
        assertThat(dl.bodyText()).isEqualTo("x+flaky");
        assertThat(services.delivered("/flow-dls")).isEmpty();
        assertThat(services.delivered("/reply")).isEmpty();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    runtime
                            .metrics()
                            .value(
                                "ofn_kn_sequence_step_events_dead_lettered_total",
                                "sequence",
                                "careful",
                                "step",
                                "1")
                        == 1);
      }
    }
  }
}
