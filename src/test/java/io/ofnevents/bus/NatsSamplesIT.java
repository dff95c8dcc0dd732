package io.ofnevents.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.RecordingSink.Request;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upstream doc samples 2, 4 and 5 on a real NATS JetStream bus (cron in place of Kafka), with a
 * plain NATS subscriber on `metrics` in place of the async target function.
 */
class NatsSamplesIT {
  @RegisterExtension final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Connection plain;
  private final List<Received> metrics = new CopyOnWriteArrayList<>();
  private RecordingSink sink;

  record Received(Instant at, Message message) {
    String header(String name) {
      return message.getHeaders() == null ? null : message.getHeaders().getFirst(name);
    }
  }

  @BeforeEach
  void subscribeToMetrics() throws Exception {
    plain = Nats.connect(nats.url());
    Dispatcher d = plain.createDispatcher(m -> metrics.add(new Received(Instant.now(), m)));
    d.subscribe("metrics");
    plain.flush(TIMEOUT);
    sink = RecordingSink.start();
  }

  @AfterEach
  void close() throws Exception {
    plain.close();
    sink.close();
  }

  private String sample(String dir, String file) {
    return UpstreamSamples.read(dir, file, nats.url(), sink.url(""));
  }

  @Test
  void sample2EventBusAndTriggerRepublishToATopicReadByAPlainSubscriber() throws Exception {
    String dir = "sample2-eventbus-trigger";
    try (TestRuntime rt =
        TestRuntime.start(
            sample(dir, "eventbus.yaml"),
            sample(dir, "eventsource.yaml"),
            sample(dir, "trigger.yaml"))) {
      await().atMost(TIMEOUT).until(() -> metrics.size() >= 2);
    }
    Received first = metrics.get(0);
    assertThat(first.header("ce-source"))
        .isEqualTo(
            "/apis/events.openfunction.io/v1alpha1/namespaces/default/eventsources/my-eventsource");
    assertThat(first.header("ce-type")).isEqualTo("io.openfunction.events.cron");
    assertThat(first.header("ce-subject")).isEqualTo("sample-two");
    assertThat(first.header("ce-ofntrigger")).isEqualTo("my-trigger");
    assertThat(first.header("ce-ofninput")).isEqualTo("inputDemo");
    assertThat(first.header("Nats-Msg-Id"))
        .isEqualTo(
            BusMessage.dedupId(
                first.header("ce-source"), first.header("ce-id"), "t-default-my-trigger-0"));
    assertThat(
            plain
                .jetStreamManagement()
                .getConsumerInfo(
                    "OFN_default-my-eventsource-sample-two", "ImDurable-default-ebft-my-trigger")
                .getNumAckPending())
        .isZero();
  }

  @Test
  void sample4AClusterEventBusAloneServesTheSameFlow() throws Exception {
    String dir = "sample4-clustereventbus";
    try (TestRuntime rt =
        TestRuntime.start(
            sample(dir, "clustereventbus.yaml"),
            sample(dir, "eventsource.yaml"),
            sample(dir, "trigger.yaml"))) {
      await().atMost(TIMEOUT).until(() -> metrics.size() >= 2);
    }
    assertThat(metrics)
        .allSatisfy(r -> assertThat(r.header("ce-ofntrigger")).isEqualTo("my-trigger"));
  }

  /**
   * Subscribers `eventB` (sink) and `eventA && eventB` (topic metrics), with a 2 s window: before A
   * fires only the sink is called; while both fired within the window both subscribers get A's and
   * B's events (upstream semantics: the current event, not reset on firing); once A stopped for
   * longer than the window, only the sink is called again.
   */
  @Test
  void sample5ConditionsFollowUpstreamSemanticsWithTheWindow() throws Exception {
    String dir = "sample5-trigger-conditions";
    String trigger =
        sample(dir, "condition-trigger.yaml")
            .replace(
                "  eventBus: \"default\"\n",
                "  eventBus: \"default\"\n  conditionState:\n    window: 2s\n");
    try (TestRuntime withB =
        TestRuntime.start(
            sample(dir, "eventbus.yaml"), sample(dir, "eventsource-b.yaml"), trigger)) {
      await().atMost(TIMEOUT).until(() -> sinkCalls(r -> true).size() >= 2);
      assertThat(metrics).as("eventA && eventB before A ever fired").isEmpty();
      assertThat(sinkCalls(r -> true)).allMatch(r -> "eventB".equals(r.header("ce-ofninput")));

      try (TestRuntime withA =
          TestRuntime.start(sample(dir, "eventbus.yaml"), sample(dir, "eventsource-a.yaml"))) {
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    metrics.stream().anyMatch(r -> "eventA".equals(r.header("ce-ofninput")))
                        && metrics.stream().anyMatch(r -> "eventB".equals(r.header("ce-ofninput")))
                        && !sinkCalls(r -> "eventA".equals(r.header("ce-ofninput"))).isEmpty());
      }
      Instant aStopped = Instant.now();
      Instant windowOver = aStopped.plusSeconds(2).plusMillis(800);
      // B keeps firing the sink after the window; meanwhile metrics gets nothing new
      await().atMost(TIMEOUT).until(() -> sinkCalls(r -> r.at().isAfter(windowOver)).size() >= 2);
      assertThat(metrics).noneMatch(r -> r.at().isAfter(windowOver));
    }
  }

  private record Call(Instant at, Request request) {
    String header(String name) {
      return request.header(name);
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private List<Call> sinkCalls(Predicate<Call> filter) {
    return sink.delivered("/default/sink").stream().map(this::timed).filter(filter).toList();
  }

  /** The sink does not record arrival times: remember when a request was first seen here. */
  private Call timed(Request r) {
    for (Call c : calls) if (c.request() == r) return c;
    Call c = new Call(Instant.now(), r);
    calls.add(c);
    return c;
  }
}
