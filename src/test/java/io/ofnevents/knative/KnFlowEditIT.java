package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.StepServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Editing a Sequence on JetStream loses no event in flight (knative/eventing#7939): its consumers
 * are named by flow and position and resume in place. Events queued for a step whose destination
 * changed go to the new one; events queued for a removed last step go on to the reply; replies
 * queued for a reply sink that was down still reach it after a step is added. The steps they had
 * passed are not called again.
 */
class KnFlowEditIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int EVENTS = 10;

  private static String sequence(String name, String svc, String... steps) {
    StringBuilder s = new StringBuilder();
    for (String step : steps) s.append("      - uri: ").append(svc).append(step).append('\n');
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "5s"),
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: NAME
          annotations: {ofn-events.io/max-deliveries: "1000"}
        spec:
          reply: {uri: SVC/reply}
          steps:
        STEPS"""
            .replace("NAME", name)
            .replace("SVC", svc)
            .replace("STEPS", s.toString()));
  }

  private static RecordingSink services() {
    RecordingSink s = RecordingSink.start();
    s.answerWith(
        StepServices.byPath(
            Map.of(
                "/a", StepServices.textAppender("+a"),
                "/b", StepServices.textAppender("+b"),
                "/b-new", StepServices.textAppender("+new"),
                "/down", r -> RecordingSink.Answer.status(503),
                "/reply", r -> RecordingSink.Answer.status(200))));
    return s;
  }

  private static List<String> post(KnRuntime runtime, String name) throws Exception {
    List<String> ids = IntStream.range(0, EVENTS).mapToObj(i -> name + "-" + i).toList();
    for (String id : ids) {
      assertThat(runtime.postEvent("/default/sequences/" + name, id, "t", "x").statusCode())
          .isEqualTo(202);
    }
    return ids;
  }

  private static long calls(RecordingSink s, String path) {
    return s.requests().stream().filter(r -> r.path().equals(path)).count();
  }

  private static long distinct(RecordingSink s, String path) {
    return s.requests().stream()
        .filter(r -> r.path().equals(path))
        .map(r -> r.header("ce-id"))
        .distinct()
        .count();
  }

  /** Distinct events the reply sink took: a duplicate must not stand in for a missing event. */
  private static long replied(RecordingSink s) {
    return s.delivered("/reply").stream().map(r -> r.header("ce-id")).distinct().count();
  }

  @Test
  void eventsQueuedForAStepWhoseDestinationChangedGoToTheNewOne() throws Exception {
    try (RecordingSink services = services()) {
      List<String> ids;
      try (KnRuntime before =
          KnRuntime.start(sequence("changed", services.url(""), "/a", "/down"))) {
        ids = post(before, "changed");
        await().atMost(WAIT).until(() -> distinct(services, "/down") == EVENTS);
      }
      try (KnRuntime after =
          KnRuntime.start(sequence("changed", services.url(""), "/a", "/b-new"))) {
        await().atMost(WAIT).until(() -> replied(services) >= EVENTS);
      }
      FaultReport.of(
              "kn-sequence-edit/changed-step",
              ids,
              services.delivered("/reply").stream().map(r -> r.header("ce-id")).toList())
          .check();
      assertThat(services.deliveredBodies("/reply")).containsOnly("x+a+new");
      assertThat(calls(services, "/a")).as("step 0 is not called again").isEqualTo(EVENTS);
    }
  }

  @Test
  void eventsQueuedForARemovedLastStepGoOnToTheReply() throws Exception {
    try (RecordingSink services = services()) {
      List<String> ids;
      try (KnRuntime before =
          KnRuntime.start(sequence("removed", services.url(""), "/a", "/b", "/down"))) {
        ids = post(before, "removed");
        await().atMost(WAIT).until(() -> distinct(services, "/down") == EVENTS);
      }
      try (KnRuntime after = KnRuntime.start(sequence("removed", services.url(""), "/a", "/b"))) {
        await().atMost(WAIT).until(() -> replied(services) >= EVENTS);
        assertThat(
                after
                    .metrics()
                    .value(
                        "ofn_kn_sequence_step_events_replied_total",
                        "sequence",
                        "removed",
                        "step",
                        "2"))
            .as("passed on by the position after the last step")
            .isEqualTo(EVENTS);
      }
      FaultReport.of(
              "kn-sequence-edit/removed-step",
              ids,
              services.delivered("/reply").stream().map(r -> r.header("ce-id")).toList())
          .check();
      assertThat(services.deliveredBodies("/reply")).containsOnly("x+a+b");
      assertThat(calls(services, "/a")).isEqualTo(EVENTS);
      assertThat(calls(services, "/b")).isEqualTo(EVENTS);
    }
  }

  @Test
  void repliesQueuedWhileTheReplySinkWasDownReachItAfterAStepIsAdded() throws Exception {
    try (RecordingSink services = services()) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a", StepServices.textAppender("+a"),
                  "/b", StepServices.textAppender("+b"),
                  "/reply", r -> RecordingSink.Answer.status(503))));
      List<String> ids;
      try (KnRuntime before = KnRuntime.start(sequence("added", services.url(""), "/a"))) {
        ids = post(before, "added");
        await().atMost(WAIT).until(() -> distinct(services, "/reply") == EVENTS);
      }
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/a", StepServices.textAppender("+a"),
                  "/b", StepServices.textAppender("+b"),
                  "/reply", r -> RecordingSink.Answer.status(200))));
      try (KnRuntime after = KnRuntime.start(sequence("added", services.url(""), "/a", "/b"))) {
        await().atMost(WAIT).until(() -> replied(services) >= EVENTS);
        after.postEvent("/default/sequences/added", "added-new", "t", "x");
        await().atMost(WAIT).until(() -> replied(services) >= EVENTS + 1);
      }
      FaultReport.of(
              "kn-sequence-edit/added-step",
              ids,
              services.delivered("/reply").stream()
                  .map(r -> r.header("ce-id"))
                  .filter(id -> !id.equals("added-new"))
                  .toList())
          .check();
      // what had passed the old flow reaches the reply as it was; new events pass the new step
      assertThat(
              services.delivered("/reply").stream()
                  .filter(r -> !r.header("ce-id").equals("added-new"))
                  .map(RecordingSink.Request::bodyText))
          .containsOnly("x+a");
      assertThat(
              services.delivered("/reply").stream()
                  .filter(r -> r.header("ce-id").equals("added-new"))
                  .map(RecordingSink.Request::bodyText))
          .containsExactly("x+a+b");
      assertThat(calls(services, "/a")).isEqualTo(EVENTS + 1);
    }
  }
}
