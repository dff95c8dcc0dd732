package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §3: in `--runtime in-process` the status follows the runtime's readiness per resource.
 * The runtime starts while NATS is unreachable and waits for it; its routes start, but the bus
 * connection they need is down, so every resource on that bus is not Ready (reason
 * `ConnectionUnavailable`, with the connection and its error), and Ready once NATS is there; again
 * when nats-server stops and comes back. A resource on another (in-memory) bus stays Ready.
 */
class InProcessReadinessIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final NatsServer nats = NatsServer.create();

  /** Started once and stopped, so that its port is known and kept. */
  @BeforeAll
  static void reservePort() {
    nats.start();
    nats.stop();
  }

  @AfterAll
  static void closeServer() {
    nats.close();
  }

  @Test
  void readyFollowsTheBusConnectionOfEachResource() {
    try (RecordingSink sink = RecordingSink.start();
        MockCluster cluster = new MockCluster();
        Operator operator =
            Operator.inProcess(
                cluster.client,
                null,
                new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of())
                    .withIngressPort(FreePorts.pick()),
                "0.1.0")) {
      operator.start();
      cluster.apply(
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default, namespace: default}
          spec: {nats: {url: "%s", jetstream: {}}}
          """
              .formatted(nats.url()));
      cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 1s"));
      cluster.apply(OperatorTest.TRIGGER.replace("http://display.default.svc", sink.url("")));
      cluster.apply(
          KnOperatorTest.BROKER.replace("http://dead.default.svc/letters", sink.url("/dead")));
      cluster.apply(
          KnOperatorTest.TRIGGER.replace("http://orders.default.svc/in", sink.url("/orders")));
      // on the in-memory bus of another namespace: not affected by NATS
      cluster.apply(OperatorTest.BUS.replace("namespace: default", "namespace: other"));
      cluster.apply(
          OperatorTest.SOURCE
              .replace("namespace: default", "namespace: other")
              .replace("@every 2s", "@every 1s"));

      String bus = "bus " + nats.url() + ": ";
      awaitDown(cluster, bus);
      assertThat(cluster.ready(Kind.EVENT_SOURCE, "other", "clock"))
          .containsEntry("status", "True");
      assertThat(sink.delivered("/ticks")).isEmpty();

      nats.start();
      awaitUp(cluster);
      await().atMost(WAIT).until(() -> !sink.delivered("/ticks").isEmpty());

      nats.stop();
      awaitDown(cluster, bus);
      assertThat(cluster.ready(Kind.EVENT_SOURCE, "other", "clock"))
          .containsEntry("status", "True");

      nats.start();
      awaitUp(cluster);
    }
  }

  private static void awaitDown(MockCluster cluster, String bus) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (Kind kind : new Kind[] {Kind.EVENT_SOURCE, Kind.TRIGGER}) {
                String name = kind == Kind.TRIGGER ? "watch" : "clock";
                assertThat(cluster.ready(kind, "default", name))
                    .as(kind + " " + name)
                    .containsEntry("status", "False")
                    .containsEntry("reason", "ConnectionUnavailable");
                // the error, not the retry counter that changes on every look
                assertThat(String.valueOf(cluster.ready(kind, "default", name).get("message")))
                    .contains(bus)
                    .doesNotContain("next in");
              }
              assertThat(cluster.condition(Kind.KN_BROKER, "default", "default", "IngressReady"))
                  .containsEntry("status", "False")
                  .containsEntry("reason", "ConnectionUnavailable");
              assertThat(
                      cluster.condition(Kind.KN_TRIGGER, "default", "orders", "SubscriptionReady"))
                  .containsEntry("status", "False")
                  .containsEntry("reason", "ConnectionUnavailable");
              assertThat(cluster.ready(Kind.KN_BROKER, "default", "default"))
                  .containsEntry("status", "False");
            });
    System.out.println(
        "[in-process-readiness] down: "
            + cluster.ready(Kind.TRIGGER, "default", "watch").get("message"));
  }

  private static void awaitUp(MockCluster cluster) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "clock"))
                  .containsEntry("status", "True");
              assertThat(cluster.ready(Kind.TRIGGER, "default", "watch"))
                  .containsEntry("status", "True");
              assertThat(cluster.ready(Kind.KN_BROKER, "default", "default"))
                  .containsEntry("status", "True");
              assertThat(cluster.ready(Kind.KN_TRIGGER, "default", "orders"))
                  .containsEntry("status", "True");
            });
  }
}
