package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.StepServices;
import io.ofnevents.testing.Yamls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refs to Sequences and Parallels publish onto their first subject, no HTTP hop: from a Knative
 * Trigger, from another flow's reply and step, from an OpenFunction `sink.ref`; a loop through a
 * Broker and a Sequence ends when its TTL runs out; with the ingress off the flows still run.
 */
class KnFlowRefsIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @Test
  void aTriggerFeedsASequenceWhoseReplyIsAParallelWhoseReplyIsTheBroker() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a",
                  StepServices.textAppender("+a"),
                  "/b",
                  r ->
                      RecordingSink.Answer.event(
                          Map.of(
                              "ce-specversion", "1.0",
                              "ce-id", r.header("ce-id") + "-done",
                              "ce-source", "/b",
                              "ce-type", "order.done"),
                          "text/plain",
                          r.bodyText() + "+b"),
                  "/done",
                  r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: to-seq}
          spec:
            broker: default
            filter: {attributes: {type: order}}
            subscriber: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: seq}
          spec:
            steps: [{uri: SVC/a}]
            reply: {ref: {apiVersion: flows.knative.dev/v1, kind: Parallel, name: par}}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Parallel
          metadata: {name: par}
          spec:
            branches: [{subscriber: {uri: SVC/b}}]
            reply: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: done}
          spec:
            broker: default
            filter: {attributes: {type: order.done}}
            subscriber: {uri: SVC/done}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        assertThat(runtime.postEvent("/default/default", "o1", "order", "o").statusCode())
            .isEqualTo(202);
        await().atMost(WAIT).until(() -> services.delivered("/done").size() == 1);
        assertThat(
                runtime
                    .metrics()
                    .value("ofn_kn_trigger_events_delivered_total", "trigger", "to-seq"))
            .isEqualTo(1);
      }
      RecordingSink.Request done = services.delivered("/done").get(0);
      assertThat(done.bodyText()).isEqualTo("o+a+b");
      assertThat(done.header("ce-id")).isEqualTo("o1-done");
      assertThat(done.header("ce-knativebrokerttl")).isNull();
      assertThat(done.header("ce-knativearrivaltime")).isNotNull();
    }
  }

  @Test
  void anOpenFunctionSinkRefFeedsASequenceAndAStepThatIsASequenceHandsEventsOn() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a", StepServices.textAppender("+a"),
                  "/inner-reply", r -> RecordingSink.Answer.status(200),
                  "/outer-reply", r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec: {inMemory: {}}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: clock}
          spec:
            eventBus: default
            cron:
              tick: {schedule: "@every 1s"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: forward}
          spec:
            eventBus: default
            inputs:
              tick: {eventSource: clock, event: tick}
            subscribers:
              - condition: tick
                sink:
                  ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: outer}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: outer}
          spec:
            steps:
              - ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: inner}
            reply: {uri: SVC/outer-reply}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: inner}
          spec:
            steps: [{uri: SVC/a}]
            reply: {uri: SVC/inner-reply}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        await().atMost(WAIT).until(() -> services.delivered("/inner-reply").size() >= 2);
        assertThat(
                runtime
                    .metrics()
                    .value(
                        "ofn_kn_sequence_step_events_delivered_total",
                        "sequence",
                        "outer",
                        "step",
                        "0"))
            .isGreaterThanOrEqualTo(2);
      }
      // a step that is a flow hands the event over: this flow ends there, as in Knative
      assertThat(services.delivered("/outer-reply")).isEmpty();
      RecordingSink.Request out = services.delivered("/inner-reply").get(0);
      assertThat(out.header("ce-ofntrigger")).isEqualTo("forward");
      assertThat(out.header("ce-type")).isEqualTo("io.openfunction.events.cron");
    }
  }

  @Test
  void aLoopThroughABrokerAndASequenceEndsWhenItsTtlRunsOut() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(StepServices.textAppender("."));
      String yaml =
          """
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: loop}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: all}
          spec:
            broker: loop
            subscriber: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: echo}}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: echo}
          spec:
            steps: [{uri: SVC/echo}]
            reply: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: loop}}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        runtime.postEvent("/default/loop", "round", "t", "");
        // 255 at the ingress, minus one at the Sequence's door and one at the Broker's, per round
        await()
            .atMost(WAIT)
            .until(
                () ->
                    runtime
                            .metrics()
                            .value("ofn_kn_sequence_ttl_exhausted_total", "sequence", "echo")
                        == 1);
        assertThat(services.delivered("/echo")).hasSize(127);
      }
    }
  }

  @Test
  void withTheIngressOffTheFlowsStillRunAndOnlyTheirIngressIsLeftOut() throws Exception {
    try (RecordingSink services = RecordingSink.start()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a",
                  StepServices.textAppender("+a"),
                  "/reply",
                  r -> RecordingSink.Answer.status(200))));
      String yaml =
          """
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: ping}
          spec:
            schedule: "* * * * * *"
            contentType: text/plain
            data: tick
            sink: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}
          ---
          apiVersion: flows.knative.dev/v1
          kind: Sequence
          metadata: {name: seq}
          spec:
            steps: [{uri: SVC/a}]
            reply: {uri: SVC/reply}
          """
              .replace("SVC", services.url(""));
      try (KnRuntime runtime = KnRuntime.start(Yamls.load(yaml), List.of(), false)) {
        await().atMost(WAIT).until(() -> !services.delivered("/reply").isEmpty());
        assertThat(runtime.runtime().context().getRoute("kn-sequence-default-seq-ingress"))
            .isNull();
        assertThat(runtime.runtime().context().getRoute("kn-sequence-default-seq-step-0"))
            .isNotNull();
      }
      assertThat(services.delivered("/reply").get(0).bodyText()).isEqualTo("tick+a");
    }
  }
}
