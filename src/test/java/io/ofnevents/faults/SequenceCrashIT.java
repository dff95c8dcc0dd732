package io.ofnevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.Names;
import io.ofnevents.testing.EventPublisher;
import io.ofnevents.testing.FaultReport;
import io.ofnevents.testing.Fixtures;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.StepServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 events into a 3-step Sequence on JetStream, the runtime (the packaged jar in a child JVM)
 * killed with SIGKILL mid-stream and started again: every event must reach the reply sink. Each
 * step boundary is a durable subject and a step's reply is stored before its input is acknowledged,
 * so an event resumes at the step it had reached: a step is called again only for the events it had
 * in hand at the kill (Knative's in-memory channel re-runs the steps upstream of a failure).
 * Duplicates at the reply and steps called again are counted and printed.
 */
class SequenceCrashIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  static final int EVENTS = 1000;
  static final String SUBJECT = FlowNames.sequenceSubject("default", "crash", 0);
  static final List<String> STEPS = List.of("/s0", "/s1", "/s2");

  @Test
  void everyEventReachesTheReplyAcrossAKillMinus9AndPassedStepsAreNotCalledAgain(@TempDir Path dir)
      throws Exception {
    try (RecordingSink services = RecordingSink.start();
        Connection nc = Nats.connect(nats.url())) {
      services.answerWith(
          StepServices.byPath(
              Map.of(
                  "/s0", StepServices.textAppender("+0"),
                  "/s1", StepServices.textAppender("+1"),
                  "/s2", StepServices.textAppender("+2"),
                  "/reply", r -> io.ofnevents.testing.RecordingSink.Answer.status(200))));
      Files.writeString(dir.resolve("resources.yaml"), resources(services.url("")));
      List<String> args = List.of("--ingress-port", "0");
      ManagedRuntime first = ManagedRuntime.start(dir, args);
      awaitConsumer(nc, first);
      publish(nc.jetStream());
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .failFast("runtime died", () -> !first.isAlive())
          .until(() -> ids(services.delivered("/reply")).size() >= EVENTS / 5);
      first.kill();
      long killedAt = System.nanoTime();
      int beforeKill = ids(services.delivered("/reply")).size();
      assertThat(beforeKill)
          .as("the stream was still running at the kill (raise EVENTS otherwise)")
          .isLessThan(EVENTS);
      try (ManagedRuntime second = ManagedRuntime.start(dir, args)) {
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(50))
            .failFast("runtime died", () -> !second.isAlive())
            .until(() -> ids(services.delivered("/reply")).size() == EVENTS);
        long killToAllMillis = (System.nanoTime() - killedAt) / 1_000_000;
        List<RecordingSink.Request> replies = services.delivered("/reply");
        FaultReport.of(
                "kn-sequence-kill9",
                EventPublisher.ids(0, EVENTS),
                replies.stream().map(r -> r.header("ce-id")).toList())
            .check();
        Map<String, Integer> recalled = new HashMap<>();
        for (String step : STEPS) recalled.put(step, recalled(services, step));
        System.out.printf(
            "FLOW-RECALLS kn-sequence-kill9 events=%d replied_before_kill=%d step0=%d step1=%d"
                + " step2=%d kill_to_all_replied_ms=%d%n",
            EVENTS,
            beforeKill,
            recalled.get("/s0"),
            recalled.get("/s1"),
            recalled.get("/s2"),
            killToAllMillis);
        assertThat(replies)
            .allSatisfy(
                r ->
                    assertThat(r.bodyText())
                        .isEqualTo(EventPublisher.payload(r.header("ce-id")) + "+0+1+2"));
        // only the events a step had in hand at the kill are called again, not every event
        // upstream of where the runtime died
        recalled.forEach(
            (step, n) -> assertThat(n).as("events %s was called again for", step).isLessThan(10));
      }
    }
  }

  private static String resources(String svc) {
    return Fixtures.of(
        Fixtures.jetStreamBus(nats.url(), "2s"),
        """
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata: {name: crash}
        spec:
          steps:
            - uri: SVC/s0
            - uri: SVC/s1
            - uri: SVC/s2
          reply: {uri: SVC/reply}
        """
            .replace("SVC", svc));
  }

  /** How many calls of `step` were for an event it had been called for already. */
  private static int recalled(RecordingSink services, String step) {
    Set<String> seen = new HashSet<>();
    int again = 0;
    for (RecordingSink.Request r : services.requests()) {
      if (r.path().equals(step) && !seen.add(r.header("ce-id"))) again++;
    }
    return again;
  }

  /** Waits until the runtime created step 0's durable consumer, so no event predates it. */
  private static void awaitConsumer(Connection nc, ManagedRuntime runtime) {
    String consumer = FlowNames.sequenceConsumer("default", "crash", 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast("runtime died:\n" + runtime.logTail(30), () -> !runtime.isAlive())
        .ignoreExceptionsInstanceOf(JetStreamApiException.class)
        .until(
            () ->
                nc.jetStreamManagement().getConsumerInfo(Names.stream(SUBJECT), consumer) != null);
  }

  private static void publish(JetStream js) throws Exception {
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
    for (String id : EventPublisher.ids(0, EVENTS)) {
      acks.add(js.publishAsync(EventPublisher.message(SUBJECT, id)));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
  }

  private static Set<String> ids(List<RecordingSink.Request> requests) {
    Set<String> ids = new HashSet<>();
    requests.forEach(r -> ids.add(r.header("ce-id")));
    return ids;
  }
}
