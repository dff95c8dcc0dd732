package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One Trigger over two cron inputs with `a && b` and `a || b`: two sink subscribers with the same
 * condition, two topic subscribers, and a sink answering 503 whose events go, after the retries, to
 * a dead-letter sink with the error recorded (each of these was broken upstream).
 */
class NatsTriggerSubscribersIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void everySubscriberGetsItsEventsAndAFailingSinkIsRetriedThenDeadLettered() throws Exception {
    try (RecordingSink sink = RecordingSink.start();
        Connection plain = Nats.connect(nats.url())) {
      // 503, which Apache HttpClient would re-send on its own unless told not to
      sink.respondWith(r -> r.path().equals("/fail") ? 503 : 200);
      List<Message> and = new CopyOnWriteArrayList<>();
      List<Message> or = new CopyOnWriteArrayList<>();
      Dispatcher d = plain.createDispatcher();
      d.subscribe("t-and", and::add);
      d.subscribe("t-or", or::add);
      plain.flush(TIMEOUT);
      String resources =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec:
            nats:
              url: %1$s
              jetstream: {ackWait: 5s}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventSource
          metadata: {name: clock}
          spec:
            eventBus: default
            cron:
              a: {schedule: "@every 1s"}
              b: {schedule: "@every 2s"} # distinct: two equal timers collide (see report)
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: fan}
          spec:
            eventBus: default
            conditionState: {window: 5s}
            inputs:
              a: {eventSource: clock, event: a}
              b: {eventSource: clock, event: b}
            subscribers:
              - condition: a && b
                sink: {uri: "%2$s/both"}
              - condition: a && b
                sink: {uri: "%2$s/both-again"}
              - condition: a || b
                sink: {uri: "%2$s/fail"}
                deadLetterSink: {uri: "%2$s/dlq"}
                delivery: {retry: 2, backoffPolicy: linear, backoffDelay: 20ms}
              - condition: a && b
                topic: t-and
              - condition: a || b
                topic: t-or
          """
              .formatted(nats.url(), sink.url(""));
      try (TestRuntime rt = TestRuntime.start(resources)) {
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    !sink.delivered("/both").isEmpty()
                        && !sink.delivered("/both-again").isEmpty()
                        && !sink.delivered("/dlq").isEmpty()
                        && !and.isEmpty()
                        && !or.isEmpty());
      }
      Request dead = sink.delivered("/dlq").get(0);
      String id = dead.header("ce-id");
      assertThat(dead.header("ce-ofnerrorcode")).isEqualTo("503");
      assertThat(dead.header("ce-ofnerrordest")).isEqualTo(sink.url("/fail"));
      assertThat(dead.header("ce-ofntrigger")).isEqualTo("fan");
      Map<String, Long> attempts =
          sink.requests().stream()
              .filter(r -> r.path().equals("/fail"))
              .collect(Collectors.groupingBy(r -> r.header("ce-id"), Collectors.counting()));
      assertThat(attempts.get(id)).as("first attempt + 2 retries").isEqualTo(3);
      assertThat(sink.delivered("/both").get(0).header("ce-ofninput")).isIn("a", "b");
      assertThat(and.get(0).getHeaders().getFirst("ce-ofntrigger")).isEqualTo("fan");
      assertThat(or.get(0).getHeaders().getFirst("ce-source"))
          .isEqualTo("/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/clock");
    }
  }
}
