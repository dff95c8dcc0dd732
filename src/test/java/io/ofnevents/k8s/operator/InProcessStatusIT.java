package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;
import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.PlainNats;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status of resources run by `--runtime in-process` follows the shared runtime: not Ready while
 * it cannot start, on the resource whose route failed when one did, and Ready once the routes
 * started, re-evaluated on every restart.
 */
class InProcessStatusIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  RecordingSink receiver;
  MockCluster cluster;
  Operator operator;

  @BeforeEach
  void start() {
    receiver = RecordingSink.start();
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    if (operator != null) operator.close();
    cluster.close();
    receiver.close();
  }

  private void startOperator(int managementPort) {
    operator =
        Operator.inProcess(
            cluster.client,
            null,
            new RuntimeOptions(managementPort, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()),
            "0.1.0");
    operator.start();
  }

  private String sink() {
    return receiver.url("");
  }

  @Test
  void notReadyWhileTheSharedRuntimeCannotStartThenReadyOnceItDoes() throws IOException {
    ServerSocket taken = new ServerSocket(0);
    // The runtime's management port is in use: no route can run, and nothing names a route.
    startOperator(taken.getLocalPort());
    cluster.apply(OperatorTest.BUS);
    cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
    cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink()));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertFailed(Kind.EVENT_SOURCE, "clock", "ErrorCreatingEventSourceFunction");
              assertFailed(Kind.TRIGGER, "watch", "ErrorCreatingTriggerFunction");
            });
    assertThat(message(Kind.TRIGGER, "watch"))
        .startsWith("the in-process runtime failed to start: ");
    assertThat(receiver.requests()).isEmpty();

    taken.close();
    // Retried every RETRY: once it starts, both are Ready and events flow.
    cluster.awaitStatus(WAIT, "True", Kind.EVENT_SOURCE, "clock", Kind.TRIGGER, "watch");
    assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
        .containsEntry("reason", "TriggerIsReady");
    await().atMost(WAIT).until(() -> !receiver.delivered("/ticks").isEmpty());
  }

  @Test
  void aRouteThatFailsToStartIsReportedOnItsResourceAndTheOthersRun() throws Exception {
    try (Connection nc = PlainNats.connect(nats.url())) {
      // The subject of Trigger `broken` already belongs to another stream, so it cannot be added
      // to the bus's stream EVENTS: its input route fails to start, nothing else does.
      nc.jetStreamManagement()
          .addStream(
              StreamConfiguration.builder().name("OTHER").subjects("default-other-tock").build());
      startOperator(0);
      cluster.apply(
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default, namespace: default}
          spec: {nats: {url: "%s", jetstream: {stream: EVENTS}}}
          """
              .formatted(nats.url()));
      cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
      cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink()));
      cluster.apply(
          OperatorTest.TRIGGER
              .replace("name: watch", "name: broken")
              .replace("{eventSource: clock, event: tick}", "{eventSource: other, event: tock}")
              .replace("http://display.default.svc", sink()));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertFailed(Kind.TRIGGER, "broken", "ErrorCreatingTriggerFunction");
                assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                    .containsEntry("status", "True");
                assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                    .containsEntry("status", "True");
              });
      assertThat(message(Kind.TRIGGER, "broken"))
          .startsWith("its routes failed to start in the operator (retried with backoff)");
      // Camel hands out the error from its first retry on.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(message(Kind.TRIGGER, "broken"))
                      .contains("already stored in JetStream stream OTHER"));
      await().atMost(WAIT).until(() -> !receiver.delivered("/ticks").isEmpty());

      // Fixed outside the operator: Camel's next retry (backoff 5 s doubling) starts it too.
      nc.jetStreamManagement().deleteStream("OTHER");
      await()
          .atMost(WAIT.multipliedBy(2))
          .untilAsserted(
              () ->
                  assertThat(cluster.ready(Kind.TRIGGER, "default", "broken"))
                      .containsEntry("status", "True"));
    }
  }

  private void assertFailed(Kind kind, String name, String reason) {
    assertThat(cluster.ready(kind, "default", name))
        .containsEntry("status", "False")
        .containsEntry("reason", reason);
  }

  private String message(Kind kind, String name) {
    return String.valueOf(cluster.ready(kind, "default", name).get("message"));
  }
}
